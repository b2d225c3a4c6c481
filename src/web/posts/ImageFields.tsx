// Up to four images, each uploaded as soon as it is chosen (the server checks, resizes and strips it) and each
// with the alt text a screen reader will read out.
import { useState } from "react";
import { ApiError } from "../api";
import { postsApi } from "./posts-api";

export const MAX_IMAGES = 4;
const MAX_BYTES = 20 * 1024 * 1024;
const TYPES = ["image/jpeg", "image/png", "image/webp"];

export interface DraftImage {
  id: string;
  url: string;
  altText: string;
}

export function ImageFields({
  practiceId,
  images,
  onChange,
  altErrors,
}: {
  practiceId: string;
  images: DraftImage[];
  onChange: (images: DraftImage[]) => void;
  /** Image index → the message beside its alt text. */
  altErrors: Record<number, string>;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (files: FileList | null) => {
    setProblem(null);
    if (!files?.length) return;
    const chosen = [...files];
    if (images.length + chosen.length > MAX_IMAGES) {
      setProblem(`A post can have up to ${MAX_IMAGES} images. Remove one before adding another.`);
      return;
    }
    const tooBig = chosen.find((f) => f.size > MAX_BYTES);
    if (tooBig) {
      setProblem(`${tooBig.name} is larger than 20 MB. Choose a smaller image.`);
      return;
    }
    const wrong = chosen.find((f) => f.type && !TYPES.includes(f.type));
    if (wrong) {
      setProblem(`${wrong.name} is not a JPEG, PNG or WebP image.`);
      return;
    }
    setBusy(true);
    const added: DraftImage[] = [];
    try {
      for (const file of chosen) {
        const up = await postsApi.uploadImage(practiceId, file);
        added.push({ id: up.id, url: up.url, altText: "" });
      }
    } catch (err) {
      setProblem(
        err instanceof ApiError ? err.message : "The image could not be uploaded. Please try again.",
      );
    } finally {
      setBusy(false);
      if (added.length) onChange([...images, ...added]);
    }
  };

  return (
    <div className={`nhsuk-form-group${problem ? " nhsuk-form-group--error" : ""}`}>
      <label className="nhsuk-label nhsuk-label--s" htmlFor="images">
        Images (optional, up to {MAX_IMAGES})
      </label>
      <div className="nhsuk-hint" id="images-hint">
        JPEG, PNG or WebP, up to 20 MB each. Location and camera details are removed before anything is
        posted.
      </div>
      {problem ? (
        <span className="nhsuk-error-message" id="images-error" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {problem}
        </span>
      ) : null}
      {images.length < MAX_IMAGES ? (
        <input
          className="nhsuk-file-upload"
          id="images"
          type="file"
          accept={TYPES.join(",")}
          multiple
          disabled={busy}
          aria-describedby={problem ? "images-hint images-error" : "images-hint"}
          onChange={(e) => {
            const input = e.currentTarget;
            void add(input.files).finally(() => {
              input.value = "";
            });
          }}
        />
      ) : null}
      {busy ? <p className="nhsuk-body-s">Uploading…</p> : null}
      {images.map((img, i) => {
        const id = `image-alt-${i + 1}`;
        const error = altErrors[i];
        return (
          <div
            key={img.id}
            className={`nhsuk-form-group nhsuk-u-margin-top-3${error ? " nhsuk-form-group--error" : ""}`}
          >
            <img className="sp-thumb" src={img.url} alt="" />
            <label className="nhsuk-label" htmlFor={id}>
              Describe image {i + 1} for people who cannot see it
            </label>
            {error ? (
              <span className="nhsuk-error-message" id={`${id}-error`}>
                <span className="nhsuk-u-visually-hidden">Error:</span> {error}
              </span>
            ) : null}
            <textarea
              className={`nhsuk-textarea${error ? " nhsuk-textarea--error" : ""}`}
              id={id}
              rows={2}
              value={img.altText}
              {...(error ? { "aria-describedby": `${id}-error`, "aria-invalid": true } : {})}
              onChange={(e) =>
                onChange(images.map((x, j) => (j === i ? { ...x, altText: e.target.value } : x)))
              }
            />
            <button
              className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-top-2"
              type="button"
              onClick={() => onChange(images.filter((_, j) => j !== i))}
            >
              Remove image {i + 1}
            </button>
          </div>
        );
      })}
    </div>
  );
}
