import { TestRunner, type RunnerTestFile, type SerializedConfig } from 'vitest'

/**
 * Runs the tests of each browser file in a random order, so that none can lean on what an
 * earlier one left behind. Vitest 4.1 reads `sequence.shuffle` from the root config only, where
 * it would shuffle every suite; this runner, set for the browser project alone, turns it on here.
 * The seed is printed per file; `--sequence.seed=N` replays an order, and
 * `--sequence.shuffle=false` runs the tests as written.
 */
export default class ShuffledRunner extends TestRunner {
  constructor(config: SerializedConfig) {
    config.sequence.shuffle ??= true
    if (config.sequence.shuffle) config.sequence.seed ??= Date.now()
    super(config)
  }

  override onCollectStart(file: RunnerTestFile): void {
    super.onCollectStart(file)
    if (this.config.sequence.shuffle) {
      console.log(`Tests run in a random order, seed ${this.config.sequence.seed}`)
    }
  }
}
