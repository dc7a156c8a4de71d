import { tokensOf, type ModelOptions, type TextInput } from './model';

/**
 * Settings chosen by 5-fold cross-validation (`npm run eval:assist`), shared by the evaluation and the product.
 * Few and coarse on purpose (equal weights, one regularisation step per decade): the data are a few hundred records.
 * Category: centroid + kNN vote + complement naive Bayes + ridge classifier, equal weights, terms seen in one
 * document only dropped; the SGD softmax regression added nothing. Routing: the same four parts plus the unit
 * profiles (×3), weighed by how often a unit led before (add-one prior) — the profiles carry the most for units
 * with few past proposals, the prior keeps a never-seen unit from outranking the usual lead on a thin match.
 */
export const CATEGORY_OPTIONS: ModelOptions = {
  k: 10,
  epochs: 0,
  minDf: 2,
  ridgeLambda: 0.1,
  weights: { lr: 0, centroid: 1, knn: 1, nb: 1, ridge: 1 },
};

export const ROUTING_OPTIONS: ModelOptions = {
  k: 10,
  epochs: 0,
  ridgeLambda: 0.3,
  profilePrior: 1,
  weights: { lr: 0, centroid: 1, knn: 1, profile: 3, nb: 1, ridge: 1 },
};

/** Features for near-duplicate lookup. */
export function similarFeatures(input: TextInput): string[] {
  return tokensOf(input);
}
