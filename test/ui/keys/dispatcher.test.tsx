// The one keyboard dispatcher: a dialog beats the input line, which beats the view, which beats the global keys;
// within a layer the latest registered handler is asked first; a handler that returns false passes the key on.
import {Text} from 'ink';
import {describe, expect, it} from 'vitest';
import {KeyboardProvider, LAYER, useKeyLayer} from '../../../src/ui/keys/dispatcher.js';
import {flush, renderAt} from '../../helpers/render-app.js';

type Log = string[];

/** A layer that logs the keys it is offered and consumes those in `takes`. */
function Layer({name, priority, takes, log}: {name: string; priority: number; takes: readonly string[]; log: Log}) {
  useKeyLayer(priority, (event) => {
    log.push(`${name}:${event.name}`);
    return takes.includes(event.name);
  });
  return null;
}

/** Mounts the layers in the order given (registration order matters within a priority). */
function Layers({log, show}: {log: Log; show: readonly string[]}) {
  const all: Record<string, {priority: number; takes: readonly string[]}> = {
    global: {priority: LAYER.global, takes: ['q', 'x']},
    view: {priority: LAYER.view, takes: ['j', 'x']},
    input: {priority: LAYER.input, takes: ['a', 'x']},
    dialog: {priority: LAYER.dialog, takes: ['y', 'x']},
    dialog2: {priority: LAYER.dialog, takes: ['z']},
  };
  return (
    <>
      <Text>layers</Text>
      {show.map((name) => (
        <Layer key={name} name={name} log={log} priority={all[name]!.priority} takes={all[name]!.takes} />
      ))}
    </>
  );
}

async function press(keys: string, show: readonly string[]): Promise<Log> {
  const log: Log = [];
  const {stdin, instance} = renderAt(
    <KeyboardProvider>
      <Layers log={log} show={show} />
    </KeyboardProvider>,
  );
  await flush();
  for (const key of keys) {
    stdin.write(key);
    await flush();
  }
  instance.unmount();
  return log;
}

describe('key dispatch order', () => {
  it('asks dialog, then input, then view, then global, whatever order they mounted in', async () => {
    expect(await press('q', ['global', 'view', 'input', 'dialog'])).toEqual(['dialog:q', 'input:q', 'view:q', 'global:q']);
    expect(await press('q', ['dialog', 'input', 'view', 'global'])).toEqual(['dialog:q', 'input:q', 'view:q', 'global:q']);
  });

  it('stops at the first layer that consumes the key', async () => {
    expect(await press('x', ['global', 'view', 'input', 'dialog'])).toEqual(['dialog:x']);
    expect(await press('j', ['global', 'view', 'input'])).toEqual(['input:j', 'view:j']);
    expect(await press('a', ['global', 'view', 'input'])).toEqual(['input:a']);
  });

  it('within one priority, the latest registered handler is asked first', async () => {
    expect(await press('z', ['dialog', 'dialog2', 'global'])).toEqual(['dialog2:z']);
    expect(await press('y', ['dialog', 'dialog2'])).toEqual(['dialog2:y', 'dialog:y']);
  });

  it('a key nobody consumes is offered to every layer once', async () => {
    expect(await press('k', ['global', 'dialog'])).toEqual(['dialog:k', 'global:k']);
  });
});
