// The admin's oversight dashboard and the checker's monthly counts (issue 11, part 5).
export { readOversight, readOversightForOperator, type Oversight } from "./read-oversight";
export { setCheckerCounting } from "../checker/checker-counts";
