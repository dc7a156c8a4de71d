import { tokensOf, type ModelOptions, type TextInput } from './model';

/**
 * Settings chosen by 5-fold cross-validation (`npm run eval:assist`), shared by the evaluation and the product.
 * Category: centroid (×2) + kNN vote; the regression added nothing there. Routing: regression + centroid + kNN +
 * unit profiles (×3) — the profiles carry the most for units with few past proposals.
 */
export const CATEGORY_OPTIONS: ModelOptions = { k: 10, epochs: 0, weights: { lr: 0, centroid: 2, knn: 1 } };

export const ROUTING_OPTIONS: ModelOptions = { k: 10, epochs: 30, weights: { lr: 1, centroid: 1, knn: 1, profile: 3 } };

/** Features for near-duplicate lookup. */
export function similarFeatures(input: TextInput): string[] {
  return tokensOf(input);
}
