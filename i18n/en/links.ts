import type { links as ja } from "../ja/links.ts";

/** Corporate numbers across the communities of one installation (ADR 039). */
export const links: Record<keyof typeof ja, string> = {
  "links.title": "The same corporate number in other communities",
  "links.intro":
    "This corporate number is also registered in the following communities of this installation. Only the community's name and that a record exists are shown, nothing of the record itself. Linking the two records as the same company needs the consent of both secretariats. A link neither merges nor copies any data.",
  "links.none": "No other community has registered it.",
  "links.state.none": "Not linked",
  "links.state.proposed-by-us": "Proposed as the same company ({date}); waiting for their secretariat's consent",
  "links.state.proposed-to-us": "Their secretariat proposes linking the records as the same company ({date})",
  "links.state.linked": "Linked with {name} (since {date})",
  "links.propose": "Propose as the same company",
  "links.accept": "Consent and link",
  "links.decline": "Decline the proposal",
  "links.withdrawProposal": "Withdraw the proposal",
  "links.unlink": "End the link",
  "links.saved.proposed": "Proposed. The records are linked once the other secretariat consents.",
  "links.saved.linked": "Linked.",
  "links.saved.withdrawn": "Withdrawn.",
  "links.home.title": "Proposed links by corporate number",
  "links.home.item": "From {community} (corporate number {number}, {date})",
  "field.corporate-link-no-number": "Only an organisation with a corporate number (not merged away) can be linked.",
  "error.corporate-link-exists": "These records are already linked, or your proposal is waiting for their consent.",
  "error.corporate-link-closed": "This proposal was already accepted or withdrawn.",
  "audit.action.corporate-link.propose": "Link by corporate number proposed",
  "audit.action.corporate-link.accept": "Link by corporate number accepted",
  "audit.action.corporate-link.withdraw": "Link by corporate number withdrawn",
};
