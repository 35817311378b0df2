import { POLARITIES, PolarityKey, Pole, Scorecard, scorecardSpan } from '../model/model';
import type { Finding } from '../types';
import { findingView, groupTitle } from './cascade';
import type { PolarityView, PoleView, Wheel } from './types';
import { worstOf } from './types';

/** What each polarity is about, and what overusing either pole looks like (FORMAT.md), for hovers. */
export const POLARITY_TEXT: Record<PolarityKey, string> = {
  'act-reflect':
    'Acting moves things forward; reflecting finds what could be better. All action makes a culture that is always busy and never steps back to think; all reflection and nothing moves.',
  'stability-change':
    'Stability keeps the core working; change keeps it current. Change without stability turns into chaos and loses the core; stability without change stalls and falls behind.',
  'challenge-support':
    'Challenge raises the bar; support helps people reach it. A high bar without support pushes people too hard, too fast; support without challenge lets excellence slip.',
  'competence-warmth':
    'Competence earns confidence in the direction; warmth earns trust in the person. Confidence without warmth comes across as arrogance; warmth without competence makes people doubt where they are going.',
  'task-relationship':
    'Task gets results; relationship keeps people on board. Results that trample people do not last; care without results lets people off the hook.',
  'direct-empower':
    'Directing sets the course; empowering lets people own it. Too much direction becomes micromanagement and drains engagement and creativity; empowerment without direction leaves nobody in charge.',
};

/** A scorecard gets a wheel when it assesses polarities or has KPIs that serve poles. */
export function hasWheel(sc: Scorecard): boolean {
  return sc.polarities.length > 0 || sc.kpis.some((k) => k.poles.length > 0);
}

export function buildWheel(sc: Scorecard, findings: readonly Finding[], gap: number): Wheel {
  const polarities = POLARITIES.map(([key, a, b]): PolarityView => {
    const assessment = sc.polarities.find((p) => p.key === key);
    const sa = assessment?.scores[a]?.value;
    const sb = assessment?.scores[b]?.value;
    const pole = (p: Pole, score: number | undefined, other: number | undefined): PoleView => ({
      pole: p,
      ...(score !== undefined ? { score } : {}),
      ...(other !== undefined ? { overuseFrom: other + gap } : {}),
      overused: score !== undefined && other !== undefined && score - other >= gap,
      kpis: [...new Set(sc.kpis.filter((k) => k.poles.some((x) => x.value === p)).map((k) => k.id))],
    });
    const here = assessment ? findings.filter((f) => f.span.start >= assessment.keySpan.start && f.span.start <= assessment.span.end) : [];
    const view: PolarityView = {
      key,
      explanation: POLARITY_TEXT[key],
      poles: [pole(a, sa, sb), pole(b, sb, sa)],
      ...(assessment ? { span: { start: assessment.keySpan.start, end: assessment.span.end } } : {}),
      findings: here.map((f) => findingView(sc, f)),
    };
    const worst = worstOf(here);
    if (worst) view.worst = worst;
    return view;
  });
  const wheel: Wheel = {
    key: sc.uri,
    title: groupTitle(sc),
    gap,
    polarities,
    uri: sc.uri,
    span: { start: 0, end: sc.text.length },
    select: sc.polarities[0]?.keySpan ?? scorecardSpan(sc),
  };
  if (sc.wheel?.capabilities.length) wheel.capabilities = sc.wheel.capabilities;
  if (sc.wheel?.responsibilities.length) wheel.responsibilities = sc.wheel.responsibilities;
  return wheel;
}
