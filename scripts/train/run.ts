// npm run train: rebuilds every learned model from the committed data, deterministically (fixed seeds).
// Each trainer writes its model into data/models/ and prints its cross-validated figures.
import { trainClassifiers } from "./classifiers";

trainClassifiers();
