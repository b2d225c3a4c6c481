import { Link } from "react-router-dom";
import { usePageTitle } from "../hooks";

/** The body of a "page not found" answer, also used when a practice id is not one of yours. */
export function NotFoundContent() {
  usePageTitle("Page not found");
  return (
    <>
      <h1>Page not found</h1>
      <p>If you typed the web address, check it is correct.</p>
      <p>If you pasted the web address, check you copied the entire address.</p>
      <p>
        <Link to="/practices">Go to your practices</Link>
      </p>
    </>
  );
}

export default function NotFoundPage() {
  return <NotFoundContent />;
}
