import { stemmer } from 'stemmer';
import { documentIndexer, rememberingStemmer } from '../domain/search-ranking.js';

/**
 * The English stemmer the ranked search uses (the domain takes it as a function and imports nothing):
 * `stemmer`, Martin Porter's algorithm, MIT, no dependencies and no install script. Remembered per
 * word, and each requirement's words per content, for the process: both are pure functions of their input.
 */
export const searchStemmer = rememberingStemmer(stemmer);
export const searchDocumentOf = documentIndexer(searchStemmer);
