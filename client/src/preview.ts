import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

// Placeholder until the preview panel lands; the extension calls this once on activation.
export function registerPreview(context: vscode.ExtensionContext, client: LanguageClient): void {
  void context;
  void client;
}
