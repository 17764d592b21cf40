/**
 * Interactive mode: opens a session, builds the controller, and renders the ink app. Loaded only when
 * `lucid` runs with no words on a terminal, so nothing else pays for React and ink.
 */
import type { RunOptions } from './commands/options.js';

export async function startInteractive(options: RunOptions): Promise<void> {
  const { loadSettings } = await import('./settings.js');
  const settings = await loadSettings(options);
  const { openSession } = await import('../../runtime/index.js');
  process.stderr.write('starting…\n');
  const session = await openSession({ settings, onProgress: (message) => process.stderr.write(`${message}\n`) });
  try {
    const { createController } = await import('./ui/controller.js');
    const controller = createController(session, settings, options);
    // ink renders only its last frame when it believes it runs in CI (is-in-ci reads CI at import).
    // We are here only because stdin and stdout are terminals, so a person is watching: render live.
    delete process.env.CI;
    delete process.env.CONTINUOUS_INTEGRATION;
    // React is CommonJS: its exports are the default export's properties (in Node and in the bundle alike).
    const { default: React } = await import('react');
    const { render } = await import('ink');
    const { App } = await import('./ui/App.js');
    const app = render(React.createElement(App, { controller }), { exitOnCtrlC: false });
    await app.waitUntilExit();
  } finally {
    await session.close();
  }
}
