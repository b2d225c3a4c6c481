import { useState } from "react";
import { ErrorSummary, summaryFromError } from "../../components/ErrorSummary";
import { Button } from "../../components/Fields";
import { useSubmit } from "../../hooks";
import { twoFactorApi } from "../../two-factor-api";

/** On a member's page: clear their two-step sign-in when they have lost their phone and codes. */
export function ResetTwoStepPanel({
  practiceId,
  userId,
  name,
}: {
  practiceId: string;
  userId: string;
  name: string;
}) {
  const { busy, error, submit } = useSubmit();
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState(false);
  return (
    <>
      <h2>Two-step sign-in</h2>
      <ErrorSummary items={summaryFromError(error)} />
      {done ? (
        <p>
          {name}'s two-step sign-in was reset and they were signed out. They set it up again when they next
          sign in.
        </p>
      ) : asking ? (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Reset {name}'s two-step sign-in?
            </span>
          </h3>
          <p>
            Only do this after checking it really is {name} asking, for example in person. Their app, passkeys
            and recovery codes stop working.
          </p>
          <Button
            variant="warning"
            type="button"
            busy={busy}
            onClick={() =>
              void submit(async () => {
                await twoFactorApi.resetMember(practiceId, userId);
                setDone(true);
              })
            }
          >
            Yes, reset it
          </Button>{" "}
          <Button variant="secondary" type="button" onClick={() => setAsking(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <>
          <p>If {name} has lost their phone or passkey and their recovery codes, you can reset it.</p>
          <Button variant="secondary" type="button" onClick={() => setAsking(true)}>
            Reset two-step sign-in
          </Button>
        </>
      )}
    </>
  );
}
