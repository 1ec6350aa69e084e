// A vitest reporter for `npm test` (scripts/test.mjs): writes every skipped test, with why, to .tmp/vitest-skips.json.
// Why is the note of `ctx.skip(note)`; a test skipped by skipIf/runIf has none, so its suite's title stands in.
import {mkdirSync, writeFileSync} from 'node:fs';
import {relative} from 'node:path';

export default class SkipsReporter {
  onTestRunEnd(testModules) {
    const skipped = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state !== 'skipped') continue;
        const suite = test.parent?.type === 'suite' ? test.parent.name : undefined;
        skipped.push({file: relative(process.cwd(), module.moduleId), test: test.fullName, suite, note: result.note, mode: test.options.mode});
      }
    }
    mkdirSync('.tmp', {recursive: true});
    writeFileSync('.tmp/vitest-skips.json', `${JSON.stringify(skipped, null, 2)}\n`);
  }
}
