// Every published post as it went out: search it, open it, or export the archive as CSV or PDF.
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { formatUkDateTime } from "../../core/dates";
import { LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, usePageTitle } from "../hooks";
import { usePractice } from "../layouts";
import { excerpt } from "./CalendarPage";
import { postsApi } from "./posts-api";

export default function ArchivePage() {
  const { practice, path } = usePractice();
  usePageTitle("Archive of published posts", practice.name);
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const [typed, setTyped] = useState(q);
  const posts = useApi(() => postsApi.list(practice.id, { state: "published", q }), `${practice.id}:${q}`);
  const search = (e: FormEvent) => {
    e.preventDefault();
    setParams(typed.trim() ? { q: typed.trim() } : {});
  };
  return (
    <>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>Archive of published posts</h1>
      <p>Each post is kept as it was published, with who wrote and approved it and where it went.</p>
      <form onSubmit={search} role="search" className="nhsuk-u-margin-bottom-5">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="archive-q">
            Search the archive
          </label>
          <input
            className="nhsuk-input nhsuk-input--width-30"
            id="archive-q"
            type="search"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
        </div>
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Search
        </button>
      </form>
      <p className="sp-inline-actions">
        <a href={postsApi.archiveCsvUrl(practice.id, q)} download>
          Download as CSV
        </a>
        <a href={postsApi.archivePdfUrl(practice.id, q)} download>
          Download as PDF
        </a>
      </p>
      {posts.status === "error" ? <LoadError error={posts.error} /> : null}
      {posts.status === "loading" ? <Loading /> : null}
      {posts.status === "ok" ? (
        posts.data.posts.length === 0 ? (
          <p>{q ? "No published post matches that search." : "Nothing has been published yet."}</p>
        ) : (
          <div className="sp-table-scroll">
            <table className="nhsuk-table" data-testid="archive">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Published posts</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  {["Published", "Post", "Channels", "Written by", "Approved by"].map((h) => (
                    <th className="nhsuk-table__header" scope="col" key={h}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {posts.data.posts.map((p) => (
                  <tr className="nhsuk-table__row" key={p.id}>
                    <td className="nhsuk-table__cell">{formatUkDateTime(p.publishedAt ?? p.scheduledAt)}</td>
                    <td className="nhsuk-table__cell sp-break">
                      <Link to={path(`posts/${p.id}`)}>{excerpt(p.text)}</Link>
                    </td>
                    <td className="nhsuk-table__cell">
                      <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                        {p.deliveries.map((d) => (
                          <li key={d.id}>
                            {d.url ? (
                              <a href={d.url} rel="noreferrer">
                                {d.channel.name}
                              </a>
                            ) : (
                              d.channel.name
                            )}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className="nhsuk-table__cell">{p.author.name}</td>
                    <td className="nhsuk-table__cell">{p.approver?.name ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </>
  );
}
