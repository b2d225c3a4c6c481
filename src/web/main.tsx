import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router-dom";
import "nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css";
import "./styles.css";
import { routes } from "./routes";
import { SessionProvider } from "./session";

const router = createBrowserRouter(routes);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  </StrictMode>,
);
