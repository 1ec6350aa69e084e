// The `:` command line parsed into commands (completion is tested with its owner's changes).
import {describe, expect, it} from 'vitest';
import {completeCommand, paneByName, parseCommand} from '../../src/ui/commands.js';

describe('parseCommand', () => {
  it.each([
    ['ctx prod-eu', {kind: 'ctx', name: 'prod-eu'}],
    ['context  prod-eu ', {kind: 'ctx', name: 'prod-eu'}],
    ['rollback ingestion', {kind: 'rollback', service: 'ingestion', region: undefined}],
    ['rollback query@eu-west', {kind: 'rollback', service: 'query', region: 'eu-west'}],
    ['logs ingestion@us-east', {kind: 'logs', service: 'ingestion', region: 'us-east'}],
    ['logs ingestion', {kind: 'error', message: 'usage: logs SERVICE@REGION'}],
    ['replay audit-ingest/subscriptions/projection', {kind: 'replay', entity: 'audit-ingest/subscriptions/projection'}],
    ['freeze deployments', {kind: 'freeze', freeze: 'deployments'}],
    ['UNFREEZE integrity', {kind: 'unfreeze', freeze: 'integrity'}],
    ['pane dlq', {kind: 'pane', pane: 'dlq'}],
    ['focus 5', {kind: 'pane', pane: 'burn'}],
    ['slo', {kind: 'pane', pane: 'burn'}],
    ['3', {kind: 'pane', pane: 'dlq'}],
    ['journal', {kind: 'view', view: 'journal'}],
    ['Help', {kind: 'view', view: 'help'}],
    ['alerts', {kind: 'view', view: 'alerts'}],
    ['q', {kind: 'quit'}],
    ['quit', {kind: 'quit'}],
  ] as const)(':%s', (line, command) => {
    expect(parseCommand(line)).toEqual(command);
  });

  it.each([
    ['ctx', 'usage: ctx NAME'],
    ['rollback', 'usage: rollback SERVICE[@REGION]'],
    ['replay', 'usage: replay ENTITY'],
    ['freeze everything', /^usage: freeze deployments\|/],
    ['pane 6', /^unknown pane "6"/],
    ['', 'empty command'],
    ['delete-all', /^unknown command "delete-all": ctx, pane, rollback/],
  ] as const)(':%s is refused with a usage line', (line, message) => {
    const command = parseCommand(line);
    expect(command.kind).toBe('error');
    if (command.kind === 'error') expect(command.message).toMatch(message);
  });
});

describe('paneByName', () => {
  it('takes numbers 1-5 and aliases, in any case', () => {
    expect(['1', '2', '3', '4', '5'].map(paneByName)).toEqual(['health', 'lag', 'dlq', 'outbox', 'burn']);
    expect(['SVC', 'projections', 'dead-letter', 'backlog', 'budget'].map(paneByName)).toEqual(['health', 'lag', 'dlq', 'outbox', 'burn']);
    expect(paneByName('0')).toBeUndefined();
  });
});

describe(':logs completion (issue 16)', () => {
  const vocabulary = {contexts: [], actions: [], arguments: {logs: ['ingestion@eu-west', 'ingestion@us-east', 'query@us-east']}};
  it('completes the word, then SERVICE@REGION', () => {
    expect(completeCommand('lo', vocabulary).text).toBe('logs ');
    expect(completeCommand('logs ing', vocabulary)).toEqual({text: 'logs ingestion@', candidates: ['ingestion@eu-west', 'ingestion@us-east']});
    expect(completeCommand('logs ingestion@u', vocabulary).text).toBe('logs ingestion@us-east ');
  });
});
