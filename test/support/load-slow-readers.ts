// Tests call the body pipeline's steps directly, and synchronously: the readers a build loads on
// its first post that needs them (see src/transform/slow-path.ts) are loaded before each test file.
import { loadSlowReaders } from '../../src/transform/slow-path.js';

await loadSlowReaders();
