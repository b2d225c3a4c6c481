import { AppError } from "../errors";
import { ROLE_LABELS, type Role } from "../roles";
import { RULES, type ActionOf, type Rule } from "./rules";
import type { Denial, PermissionMember, Resource, ResourceOf, ResourceType } from "./types";

const ruleFor = (type: ResourceType, action: string): Rule<ResourceType> | undefined =>
  (RULES[type] as unknown as Record<string, Rule<ResourceType>>)[action];

/** "a practice manager or an approver": the plain names of the roles, each with its article. */
const roleNames = (roles: readonly Role[]): string =>
  roles
    .map((r) => ROLE_LABELS[r].replace(/ \(.*\)$/, "").toLowerCase())
    .map((name) => `${/^[aeiou]/.test(name) ? "an" : "a"} ${name}`)
    .join(" or ");

/** The roles of `member` that count for `resource`: for a version out for consultation, only those granted in time. */
function countingRoles(member: PermissionMember, resource: Resource, rule: Rule<ResourceType>): Role[] {
  if (!rule.grantedBeforeConsultation || resource.type !== "policy-version") return [...member.roles];
  const since = resource.consultationStartedAt;
  if (!since) return [...member.roles];
  return member.roles.filter((r) => {
    const at = member.grantedAt[r];
    return at !== undefined && at.getTime() <= since.getTime();
  });
}

/**
 * Whether `member` may take `action` on `resource`, and if not, why: the one place that decides.
 * Role first (forbidden), then separation of duties, then the resource's state (conflict, or forbidden for a
 * duty the member may not combine).
 */
export function decide<R extends Resource>(
  member: PermissionMember,
  action: ActionOf<R["type"]>,
  resource: R,
): Denial | null {
  const rule = ruleFor(resource.type, action);
  if (!rule) return { code: "forbidden", message: "That action is not known." };
  if (rule.roles !== "any") {
    const needed = rule.roles;
    if (!member.roles.some((r) => needed.includes(r)))
      return {
        code: "forbidden",
        message: `Only ${roleNames(needed)} can do this. Ask your practice manager if you need it.`,
      };
    const counting = countingRoles(member, resource, rule);
    if (!counting.some((r) => needed.includes(r)))
      return {
        code: "forbidden",
        message: `You became ${roleNames(needed)} after this version went out for consultation, so that role does not count for it. Someone who held it before can do this, or start a new draft.`,
      };
  }
  return rule.check ? rule.check(member, resource as never) : null;
}

/** True when `member` may take `action` on `resource`. */
export function can<R extends Resource>(
  member: PermissionMember,
  action: ActionOf<R["type"]>,
  resource: R,
): boolean {
  return decide(member, action, resource) === null;
}

/** Throws the plain-language AppError when `member` may not take `action` on `resource`. */
export function authorize<R extends Resource>(
  member: PermissionMember,
  action: ActionOf<R["type"]>,
  resource: R,
): void {
  const denial = decide(member, action, resource);
  if (denial) throw new AppError(denial.code, denial.message);
}

/** Every action the member may take on the resource now, in the table's order: what the API sends as `allowed`. */
export function allowedActions<T extends ResourceType>(
  member: PermissionMember,
  resource: ResourceOf<T>,
): ActionOf<T>[] {
  const actions = Object.keys(RULES[resource.type as T]) as ActionOf<T>[];
  return actions.filter((a) => can(member, a as never, resource));
}

/** The actions of one resource type, in order. */
export const actionsOf = <T extends ResourceType>(type: T): ActionOf<T>[] =>
  Object.keys(RULES[type]) as ActionOf<T>[];
