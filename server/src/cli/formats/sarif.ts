// SARIF 2.1.0, the format code-scanning services (GitHub code scanning among them) read.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { docsUrl, RULES } from '../../engine';
import type { Severity, SeverityOrOff } from '../../engine';
import { rangeOf, relatedOf, slashes, stringify } from './common';
import type { Range } from './common';
import type { Formatter } from './types';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const HOME = 'https://github.com/kpilens/kpilens';

function level(severity: Severity | SeverityOrOff): 'error' | 'warning' | 'note' | 'none' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : severity === 'off' ? 'none' : 'note';
}

/** A relative path becomes a relative URI reference; an absolute one a file URI. */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return slashes(file)
    .replace(/^(\.\/)+/, '')
    .split('/')
    .map(encodeURIComponent)
    .join('/');
}

function region(r: Range) {
  return { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

const sarif: Formatter = (results, options) => {
  const ruleIndex = new Map(RULES.map((r, i) => [r.meta.id, i]));
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kpilens',
            version: options.version,
            informationUri: HOME,
            rules: RULES.map((r) => ({
              id: r.meta.id,
              shortDescription: { text: r.meta.description },
              helpUri: docsUrl(r.meta.id),
              defaultConfiguration: { enabled: r.meta.defaultSeverity !== 'off', level: level(r.meta.defaultSeverity) },
              properties: { tags: [r.meta.category] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((res) =>
          res.findings.map((f) => {
            const index = ruleIndex.get(f.rule);
            const related = relatedOf(f, results, options);
            return {
              ruleId: f.rule,
              ...(index === undefined ? {} : { ruleIndex: index }),
              level: level(f.severity),
              message: { text: f.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(res.file) }, region: region(rangeOf(res, f.span)) } }],
              ...(related.length
                ? {
                    relatedLocations: related.map((rel, id) => ({
                      id,
                      physicalLocation: { artifactLocation: { uri: artifactUri(rel.file) }, ...(rel.range ? { region: region(rel.range) } : {}) },
                      message: { text: rel.message },
                    })),
                  }
                : {}),
            };
          }),
        ),
      },
    ],
  };
  return `${stringify(log)}\n`;
};
export default sarif;
