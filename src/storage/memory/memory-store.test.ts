import { runStoreConformance } from '../store.conformance.js';
import { MemoryStore } from './memory-store.js';

runStoreConformance('memory', async () => ({ store: new MemoryStore(), cleanup: async () => undefined }));
