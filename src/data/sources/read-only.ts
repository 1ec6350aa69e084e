// Read-only enforcement below the UI: the mutating methods of every capability refuse.
import {ReadOnlyError} from '../errors.js';
import type {Capabilities, Source} from './types.js';

/** Wraps `source` so that no mutating capability method can reach its backend. */
export function readOnlySource(source: Source): Source {
  const caps = source.capabilities;
  const refuse = (what: string) => () => Promise.reject(new ReadOnlyError(what));
  const capabilities: Capabilities = {
    detail: caps.detail,
    // Reading logs is not an action (issue 16): allowed read-only.
    logs: caps.logs,
    inspect: caps.inspect,
    // Reading colleagues' changes back is not a change: a wall terminal shows them too.
    teamActions: caps.teamActions,
    rollback: caps.rollback && {
      history: caps.rollback.history.bind(caps.rollback),
      where: caps.rollback.where.bind(caps.rollback),
      command: caps.rollback.command.bind(caps.rollback),
      rollback: refuse('rollback'),
    },
    replay: caps.replay && {
      targets: caps.replay.targets.bind(caps.replay),
      command: caps.replay.command.bind(caps.replay),
      replay: refuse('DLQ replay'),
    },
    freeze: caps.freeze && {
      kinds: caps.freeze.kinds,
      list: caps.freeze.list.bind(caps.freeze),
      describe: caps.freeze.describe.bind(caps.freeze),
      command: caps.freeze.command.bind(caps.freeze),
      freeze: refuse('freeze'),
      unfreeze: refuse('unfreeze'),
    },
    restart: caps.restart && {
      where: caps.restart.where.bind(caps.restart),
      command: caps.restart.command.bind(caps.restart),
      restart: refuse('restart'),
    },
    scale: caps.scale && {
      info: caps.scale.info.bind(caps.scale),
      check: caps.scale.check.bind(caps.scale),
      where: caps.scale.where.bind(caps.scale),
      command: caps.scale.command.bind(caps.scale),
      scale: refuse('scale'),
    },
  };
  return {
    id: source.id,
    kind: source.kind,
    description: source.description,
    panes: source.panes,
    read: source.read.bind(source),
    close: source.close?.bind(source),
    capabilities,
  };
}
