export * from './domains.js';
export * from './enums.js';
export * from './page-context.js';
export * from './signals.js';
export * from './operations.js';
export * from './intel-questions.js';
export * from './visit-questions.js';
export * from './visit-briefing.js';
