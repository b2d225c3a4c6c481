// The practice news as the public sees it (src/app/posts/news.ts builds it; src/server/public/news-render.ts prints it).

/** One image of a published post as the public sees it: its public address and the alt text the post gave it. */
export interface NewsImage {
  url: string;
  altText: string;
  mimeType: string;
  size: number;
  width: number;
  height: number;
}

/** One post published on the practice's website channel. */
export interface NewsItem {
  id: string;
  text: string;
  link: string | null;
  publishedAt: Date;
  images: NewsImage[];
}

export interface NewsFeed {
  practice: { name: string; slug: string };
  /** Newest first. */
  items: NewsItem[];
  /** SAFEPOST_BASE_URL, without a trailing slash. */
  baseUrl: string;
}
