// What the tests of the webview page (preview-webview.test.ts) share: the theme colours VS Code
// sets on a webview, and how a test talks to the page and reads what it shows.
import { Page } from 'playwright-core';

/** A few of the theme colours VS Code sets on a webview's root element. */
export const THEME = {
  '--vscode-editor-background': '#1e1e1e',
  '--vscode-editor-foreground': '#d4d4d4',
  '--vscode-editorWidget-background': '#252526',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-red': '#f14c4c',
};
/** VS Code's Light Modern and Dark Modern themes, as far as the preview uses them: for the README's pictures. */
export const MODERN = {
  light: {
    '--vscode-font-family': "system-ui, 'Segoe UI', 'DejaVu Sans', sans-serif",
    '--vscode-font-size': '13px',
    '--vscode-editor-background': '#ffffff',
    '--vscode-editor-foreground': '#3b3b3b',
    '--vscode-descriptionForeground': '#3b3b3b',
    '--vscode-editorWidget-background': '#f8f8f8',
    '--vscode-editorWidget-border': '#c8c8c8',
    '--vscode-panel-border': '#e5e5e5',
    '--vscode-sideBar-background': '#f8f8f8',
    '--vscode-editorGroupHeader-tabsBackground': '#f8f8f8',
    '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-green': '#388a34',
    '--vscode-charts-yellow': '#bf8803',
    '--vscode-charts-red': '#e51400',
    '--vscode-charts-purple': '#652d90',
    '--vscode-editorLineNumber-foreground': '#6e7681',
    '--vscode-disabledForeground': 'rgba(97, 97, 97, 0.5)',
    '--vscode-editorError-foreground': '#e51400',
    '--vscode-editorWarning-foreground': '#bf8803',
    '--vscode-editorInfo-foreground': '#1a85ff',
    '--vscode-button-background': '#005fb8',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-secondaryBackground': '#e5e5e5',
    '--vscode-button-secondaryForeground': '#3b3b3b',
    '--vscode-button-secondaryHoverBackground': '#cccccc',
    '--vscode-button-border': 'rgba(0, 0, 0, 0.1)',
    '--vscode-dropdown-background': '#ffffff',
    '--vscode-dropdown-foreground': '#3b3b3b',
    '--vscode-dropdown-border': '#cecece',
    '--vscode-focusBorder': '#005fb8',
  },
  dark: {
    '--vscode-font-family': "system-ui, 'Segoe UI', 'DejaVu Sans', sans-serif",
    '--vscode-font-size': '13px',
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-editor-foreground': '#cccccc',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-editorWidget-background': '#202020',
    '--vscode-editorWidget-border': '#313131',
    '--vscode-panel-border': '#2b2b2b',
    '--vscode-sideBar-background': '#181818',
    '--vscode-editorGroupHeader-tabsBackground': '#181818',
    '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-green': '#89d185',
    '--vscode-charts-yellow': '#cca700',
    '--vscode-charts-red': '#f14c4c',
    '--vscode-charts-purple': '#b180d7',
    '--vscode-editorLineNumber-foreground': '#6e7681',
    '--vscode-disabledForeground': 'rgba(204, 204, 204, 0.5)',
    '--vscode-editorError-foreground': '#f14c4c',
    '--vscode-editorWarning-foreground': '#cca700',
    '--vscode-editorInfo-foreground': '#3794ff',
    '--vscode-button-background': '#0078d4',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-secondaryBackground': '#313131',
    '--vscode-button-secondaryForeground': '#cccccc',
    '--vscode-button-secondaryHoverBackground': '#3c3c3c',
    '--vscode-button-border': 'rgba(255, 255, 255, 0.07)',
    '--vscode-dropdown-background': '#313131',
    '--vscode-dropdown-foreground': '#cccccc',
    '--vscode-dropdown-border': '#3c3c3c',
    '--vscode-focusBorder': '#0078d4',
  },
};

export const send = (page: Page, message: unknown) => page.evaluate((m) => window.postMessage(m, '*'), message);
export const posted = (page: Page) => page.evaluate(() => (window as unknown as { posted: unknown[] }).posted);
export const current = (page: Page) => page.locator('.kl-current').evaluateAll((es) => es.map((e) => e.getAttribute('data-key')));
export const transform = (page: Page) =>
  page.locator('.kl-viewport').evaluate((g) => {
    const m = /translate\(([-\d.]+),([-\d.]+)\) scale\(([-\d.]+)\)/.exec(g.getAttribute('transform') ?? '')!;
    return { x: Number(m[1]), y: Number(m[2]), k: Number(m[3]) };
  });
/** Where a node is on screen (its card), and whether it is wholly inside the stage. */
export const onStage = (page: Page, key: string) =>
  page.evaluate((k) => {
    const node = [...document.querySelectorAll('.kl-node, .kl-group-header')].find((e) => e.getAttribute('data-key') === k);
    const stage = document.querySelector('.stage')!.getBoundingClientRect();
    if (!node) return undefined;
    const r = (node.querySelector('.kl-card, .kl-header-bg') ?? node).getBoundingClientRect();
    return {
      x: r.left + r.width / 2,
      y: r.top + r.height / 2,
      left: r.left - stage.left,
      inside: r.top >= stage.top - 0.5 && r.bottom <= stage.bottom + 0.5 && r.left >= stage.left - 0.5 && r.right <= stage.right + 0.5,
    };
  }, key);
