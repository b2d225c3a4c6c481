// Practice posts: compose, review, schedule and publish (issue 9). One use case per action.
export { createPost, updatePost, type PostDraftInput } from "./compose";
export { approvePost, requestPostChanges, submitPost } from "./review";
export { getPost, listPosts, listPostsForOperator, viewFor, type PostFilters } from "./list-posts";
export type { PostView } from "./post-store";
export { cancelPost, publishNow, resolveDelivery, schedulePost } from "./schedule";
export { publishDelivery } from "./publish";
export { sweepDeliveries } from "./sweep";
