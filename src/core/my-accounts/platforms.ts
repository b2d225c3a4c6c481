// How to do each item on each platform the seed documents name. Menu names are as the apps showed them in
// 2026; they move, so each step names the menu and what to look for, and the generic guidance covers the rest.
import type { ItemId } from "./items";

/** How to do one item on one platform: steps, or why it does not apply there. */
export type Guidance = { applies: true; steps: string[] } | { applies: false; reason: string };

export interface PlatformDefinition {
  /** Stable key: the seed platforms' are fixed; a practice-added platform's comes from its name. */
  key: string;
  name: string;
  guidance: Readonly<Record<ItemId, Guidance>>;
}

const steps = (...s: string[]): Guidance => ({ applies: true, steps: s });
const notHere = (reason: string): Guidance => ({ applies: false, reason });

/** Phone-level steps that help on any app: notifications and screen time are the phone's own settings. */
const PHONE_QUIET_HOURS =
  "On your phone, set a work focus or schedule (iPhone: Settings → Focus; Android: Settings → Digital Wellbeing → Bedtime or Focus mode) that silences this app during your working hours.";

/** For a platform the practice adds: the same items, with guidance that holds on most apps. */
export const GENERIC_GUIDANCE: Readonly<Record<ItemId, Guidance>> = {
  "privacy-settings": steps(
    "Open the app's Settings and look for Privacy (or Privacy and safety).",
    "Make your account private, or limit who can see your posts, friends or followers and profile details to people you know.",
    "Turn off being found by your email address or phone number, and being suggested to people from your contacts.",
    "Look again every few months: apps add settings and change defaults.",
  ),
  "neutral-picture": steps(
    "Open your profile and choose Edit profile.",
    "Choose a profile and cover picture with no uniform, ID badge or lanyard, and not taken at the practice.",
  ),
  "no-work-contact-details": steps(
    "Open your profile's details (often Edit profile, About or Contact info).",
    "Remove any work email address, practice phone number or practice website.",
  ),
  "not-registered-with-nhsmail": steps(
    "Open the account settings and find the email address the account is registered with.",
    "If it is an nhs.net or practice address, add a personal address, make it the main one and remove the work one.",
  ),
  "not-naming-the-practice": steps(
    "Check your bio, workplace and any groups or communities you belong to for the practice's name.",
    "Remove the practice's name, and any photo or post that shows where you work.",
  ),
  "patient-friend-requests": steps(
    "In the app's privacy settings, limit who can send you friend, follow or message requests.",
    "If a patient sends a request, decline it politely and suggest they follow the practice's own page instead.",
  ),
  "breaks-only": steps(
    "Turn off this app's notifications during working hours (the app's Notifications settings, or your phone's).",
    PHONE_QUIET_HOURS,
  ),
  "location-sharing": steps(
    "In the app's settings, turn off adding your location to posts and any live map or location sharing with friends.",
    "On your phone, set the app's location permission to Never or While using, and check it has not been given precise location.",
    "Do not tag posts with your home, your street or the surgery.",
  ),
};

const facebook: PlatformDefinition = {
  key: "facebook",
  name: "Facebook",
  guidance: {
    "privacy-settings": steps(
      "Go to Menu → Settings and privacy → Settings → Privacy Checkup and follow each topic.",
      "Under Audience and visibility → Posts, set Who can see your future posts to Friends, and use Limit past posts.",
      "Under How people find and contact you, set who can see your friends list to Only me, and who can look you up by email address or phone number to Only me.",
      "Turn off Do you want search engines outside of Facebook to link to your profile.",
    ),
    "neutral-picture": steps(
      "Open your profile, tap your profile picture and choose a new one; do the same for your cover photo.",
      "Check older profile and cover photos too (Photos → Albums): set any showing your uniform or badge to Only me.",
    ),
    "no-work-contact-details": steps(
      "Open your profile → Edit profile details, or About → Contact and basic info.",
      "Remove a work email address, practice phone number or practice website, or set them to Only me.",
    ),
    "not-registered-with-nhsmail": steps(
      "Go to Settings and privacy → Settings → Accounts Centre → Personal details → Contact info.",
      "Add a personal email address, then remove any nhs.net or practice address.",
    ),
    "not-naming-the-practice": steps(
      "Open your profile → About → Work and education and remove the practice as a workplace.",
      "Leave any Facebook group run for the practice's staff that is public, and do not check in at the surgery.",
    ),
    "patient-friend-requests": steps(
      "Go to Settings and privacy → Settings → How people find and contact you → Who can send you friend requests, and choose Friends of friends.",
      "Decline a patient's request (Friends → Friend requests → Delete); you can suggest they follow the practice's Page.",
    ),
    "breaks-only": steps(
      "Go to Settings and privacy → Settings → Your time on Facebook and set Quiet mode for your working hours.",
      PHONE_QUIET_HOURS,
    ),
    "location-sharing": steps(
      "Go to Settings and privacy → Settings → Location (in the app) and turn off Location services or Location history.",
      "Do not check in or add a location to posts at home or at the surgery.",
    ),
  },
};

const x: PlatformDefinition = {
  key: "x",
  name: "X (Twitter)",
  guidance: {
    "privacy-settings": steps(
      "Go to Settings and privacy → Privacy and safety → Audience and tagging and turn on Protect your posts, so only followers you approve see them.",
      "Under Discoverability and contacts, turn off letting others find you by your email address or phone number.",
      "Under Audience and tagging → Photo tagging, turn tagging off or limit it to people you follow.",
    ),
    "neutral-picture": steps(
      "Open your profile → Edit profile and change the profile photo and header image.",
    ),
    "no-work-contact-details": steps(
      "Open your profile → Edit profile and check your bio, location and website for work details.",
      "Remove any work email, practice phone number or practice website.",
    ),
    "not-registered-with-nhsmail": steps(
      "Go to Settings and privacy → Your account → Account information → Email.",
      "Change an nhs.net or practice address to a personal one (X asks you to confirm it).",
    ),
    "not-naming-the-practice": steps(
      "Open your profile → Edit profile and remove the practice from your name, bio and location.",
      "If you say what you do, add that your views are your own, and never name the practice.",
    ),
    "patient-friend-requests": steps(
      "With Protect your posts on, new followers must ask: review them under your profile → Follower requests and decline patients.",
      "Go to Settings and privacy → Privacy and safety → Direct messages and allow messages from people you follow only.",
    ),
    "breaks-only": steps(
      "Go to Settings and privacy → Notifications → Preferences → Push notifications and turn off what you do not need at work.",
      PHONE_QUIET_HOURS,
    ),
    "location-sharing": steps(
      "Go to Settings and privacy → Privacy and safety → Location information and turn off Add location information to your posts; choose Remove all location information from past posts.",
      "Keep the location on your profile to a town or region, or leave it blank.",
    ),
  },
};

const instagram: PlatformDefinition = {
  key: "instagram",
  name: "Instagram",
  guidance: {
    "privacy-settings": steps(
      "Go to your profile → Menu → Settings and activity → Account privacy and turn on Private account.",
      "Under Settings and activity → Story, replies and reactions, limit who can reply and hide your story from people you choose.",
      "In Accounts Centre → Personal details, check what contact details are stored, and under Edit profile turn off showing account suggestions on your profile.",
    ),
    "neutral-picture": steps(
      "Go to your profile → Edit profile → Edit picture and choose a neutral photo or an avatar.",
    ),
    "no-work-contact-details": steps(
      "Go to your profile → Edit profile and check your bio and links for a work email, practice phone number or practice website.",
      "If your account is a professional account, check its Contact options too, or switch back to a personal account.",
    ),
    "not-registered-with-nhsmail": steps(
      "Go to Settings and activity → Accounts Centre → Personal details → Contact info.",
      "Add a personal email address and remove any nhs.net or practice address.",
    ),
    "not-naming-the-practice": steps(
      "Check your bio, name and highlights for the practice's name or photos taken there.",
      "Do not tag the practice's account in your own posts.",
    ),
    "patient-friend-requests": steps(
      "With a private account, people must ask to follow you: review requests in Notifications → Follow requests and decline patients.",
      "Go to Settings and activity → Messages and story replies → Message controls and limit who can message you.",
    ),
    "breaks-only": steps(
      "Go to Settings and activity → Notifications and turn on Quiet mode for your working hours.",
      "Settings and activity → Time management lets you set a daily limit as well.",
    ),
    "location-sharing": steps(
      "Do not add a location to posts or stories taken at home or at the surgery.",
      "Open the map (Messages → Map, where your app has it) → settings and choose No one for sharing your location.",
      "On your phone, set Instagram's location permission to Never or While using.",
    ),
  },
};

const tiktok: PlatformDefinition = {
  key: "tiktok",
  name: "TikTok",
  guidance: {
    "privacy-settings": steps(
      "Go to Profile → Menu → Settings and privacy → Privacy and turn on Private account.",
      "Under Privacy → Suggest your account to others, turn off every option (contacts, Facebook friends, mutual connections, people with links).",
      "Under Privacy, set who can duet, stitch, comment on and download your videos to Friends or No one.",
    ),
    "neutral-picture": steps(
      "Go to Profile → Edit profile → Change photo (and Change video, if you have a profile video).",
    ),
    "no-work-contact-details": steps(
      "Go to Profile → Edit profile and check your bio and links for a work email, practice phone number or practice website.",
    ),
    "not-registered-with-nhsmail": steps(
      "Go to Profile → Menu → Settings and privacy → Account → Account information → Email.",
      "Change an nhs.net or practice address to a personal one.",
    ),
    "not-naming-the-practice": steps(
      "Check your bio and videos for the practice's name, uniform or rooms.",
      "Do not film at work: patients, records or screens may be in shot.",
    ),
    "patient-friend-requests": steps(
      "With a private account, follow requests wait for you: review them in Inbox → Activity and decline patients.",
      "Go to Settings and privacy → Privacy → Direct messages and choose who can message you (Friends or No one).",
    ),
    "breaks-only": steps(
      "Go to Settings and privacy → Screen time and set a daily limit and screen time breaks; turn on the work hours or sleep reminders if your app has them.",
      PHONE_QUIET_HOURS,
    ),
    "location-sharing": steps(
      "Do not add a location to videos filmed at home or at the surgery.",
      "Go to Settings and privacy → Privacy → Location services and turn location off, and on your phone set TikTok's location permission to Never.",
    ),
  },
};

const linkedin: PlatformDefinition = {
  key: "linkedin",
  name: "LinkedIn",
  guidance: {
    "privacy-settings": steps(
      "Go to Me → Settings and Privacy → Visibility → Edit your public profile and switch off the parts you do not want strangers or search engines to see.",
      "Under Visibility, set who can see your email address to Only you, and who can see your connections to Only you.",
      "Under Visibility → Profile discovery using email address or phone number, choose Nobody or 1st-degree connections.",
    ),
    "neutral-picture": steps(
      "Go to Me → View profile and select your photo: a plain, professional photo is fine, without uniform, ID badge or lanyard and not taken in the practice.",
      "Under the photo's Visibility, choose who sees it.",
    ),
    "no-work-contact-details": steps(
      "Go to Me → View profile → Contact info and remove a work email address or practice phone number.",
    ),
    "not-registered-with-nhsmail": steps(
      "Go to Me → Settings and Privacy → Sign in and security → Email addresses.",
      "Add a personal email address, make it primary, and remove any nhs.net or practice address.",
    ),
    "not-naming-the-practice": steps(
      "LinkedIn is a professional network, so the policy lets you give your role here; make clear in your About section that the views you share are your own.",
      "Never post about patients, and think about how a post reflects on the practice if people know where you work.",
    ),
    "patient-friend-requests": steps(
      "Go to Me → Settings and Privacy → Communications → Invitations to connect and choose Only people who know your email address or appear in your imported contacts.",
      "Ignore connection invitations from patients (My Network → Invitations → Ignore).",
    ),
    "breaks-only": steps(
      "Go to Me → Settings and Privacy → Notifications and turn off the push notifications you do not need at work.",
      PHONE_QUIET_HOURS,
    ),
    "location-sharing": notHere(
      "LinkedIn does not add your location to posts or share it live. Your profile shows only the area you type in (Me → View profile → Edit intro → Location): a town or region is enough.",
    ),
  },
};

const reddit: PlatformDefinition = {
  key: "reddit",
  name: "Reddit",
  guidance: {
    "privacy-settings": steps(
      "Go to your avatar → Settings → Privacy (or Account) and turn off Show up in search results.",
      "Under Profile → Content and activity, choose to hide your posts, comments and the communities you are active in from your profile.",
      "Under Privacy, turn off letting people find you by your email address or phone number, where offered.",
    ),
    "neutral-picture": steps(
      "Reddit shows an avatar rather than a photo of you: go to your avatar → Edit avatar (or Profile → Edit) and keep it free of anything that shows your job or the practice.",
    ),
    "no-work-contact-details": steps(
      "Go to your avatar → Settings → Profile and check your display name, About and social links for work details.",
    ),
    "not-registered-with-nhsmail": steps(
      "Go to your avatar → Settings → Account → Email address.",
      "Change an nhs.net or practice address to a personal one.",
    ),
    "not-naming-the-practice": steps(
      "Reddit is usually anonymous: keep it so. Do not name the practice, your role there or your town in posts or your profile.",
      "Take extra care in local communities, where patients read: a few details together can identify you and a patient.",
    ),
    "patient-friend-requests": notHere(
      "Reddit has no friend requests. If someone you know as a patient follows or messages you, you can block them (their profile → ⋯ → Block) and limit chat requests under Settings → Chat and messaging.",
    ),
    "breaks-only": steps(
      "Go to your avatar → Settings → Notifications and turn off the push notifications you do not need at work.",
      PHONE_QUIET_HOURS,
    ),
    "location-sharing": notHere(
      "Reddit does not put your location on posts. Its location setting only tailors what it recommends; you can turn it off under Settings → Privacy → Location customisation.",
    ),
  },
};

const strava: PlatformDefinition = {
  key: "strava",
  name: "Strava",
  guidance: {
    "privacy-settings": steps(
      "Go to You → Settings (the gear) → Privacy Controls and set Profile page and Activities to Followers or Only you.",
      "Under Privacy Controls, turn off Flybys and being shown in Group Activity, Leaderboards and segment efforts if you do not want strangers to see you.",
    ),
    "neutral-picture": steps(
      "Go to You → Edit profile and change your photo; check no activity photo shows your uniform or badge.",
    ),
    "no-work-contact-details": steps(
      "Go to You → Edit profile and check your bio and links for a work email, practice phone number or practice website.",
    ),
    "not-registered-with-nhsmail": steps(
      "Go to You → Settings → My Account → Email.",
      "Change an nhs.net or practice address to a personal one.",
    ),
    "not-naming-the-practice": steps(
      "Do not put the practice's name in your profile, activity titles or a club name.",
      "If colleagues have a running club, keep it private and do not name the practice in it.",
    ),
    "patient-friend-requests": steps(
      "Go to Settings → Privacy Controls → Followers (or Who can follow you) and require your approval.",
      "Decline follow requests from patients, and remove a follower you do not know (their profile → Remove follower).",
    ),
    "breaks-only": notHere(
      "Strava records your exercise; there is little to scroll at work. If its notifications distract you, turn them off under Settings → Notifications.",
    ),
    "location-sharing": steps(
      "Go to Settings → Privacy Controls → Map Visibility (once called Privacy Zones) and hide the start and end of activities.",
      "In Map Visibility, add your home address and the surgery's address so any activity passing them hides those points.",
      "Turn off Beacon (live location) unless you share it with people you choose, and check Heatmaps is off.",
    ),
  },
};

/** The platforms the seed documents name, in the order shown. Every member sees them. */
export const SEED_PLATFORMS: readonly PlatformDefinition[] = [
  facebook,
  x,
  instagram,
  tiktok,
  linkedin,
  reddit,
  strava,
];

/** A practice-added platform: its name with the generic guidance. */
export const genericPlatform = (key: string, name: string): PlatformDefinition => ({
  key,
  name,
  guidance: GENERIC_GUIDANCE,
});

/** The key a practice-added platform gets from its name ("Mastodon" → "mastodon"); "" when nothing is left. */
export const platformKeyOf = (name: string): string =>
  name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
