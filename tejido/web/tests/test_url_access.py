"""Every URL pattern of the project, and who may open it.

`ACCESS` below lists every pattern (by its name, `namespace:name`, or its route when it has no
name) with what each role must get: anonymous visitors, applicants, vetted members and network
organisers. A new pattern that is not in the table fails `test_every_url_pattern_is_listed`:
add it with the access it should have. Then every listed pattern whose arguments can be filled
is fetched with GET as each role, and the answer must be one the table allows; HEAD must answer
as GET does; every page that comes back also carries the security headers and names no other
host.

Run with `-s` to see the coverage: patterns x methods x roles, as the walk requested them.
"""

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory
from tejido.core.clock import now
from tejido.directory.hsds.models import HsdsImport
from tejido.groups.factories import GroupFactory, GroupMembershipFactory

ROLES = ("anonymous", "applicant", "member", "organiser")

# What an answer can be. Numbers are status codes; LOGIN is a redirect to the login page;
# REDIRECT is any redirect.
LOGIN = "login"
REDIRECT = "redirect"

Outcome = int | str
Expect = dict[str, frozenset[Outcome]]


def expect(anonymous: Any, applicant: Any, member: Any, organiser: Any) -> Expect:
    def outcomes(value: Any) -> frozenset[Outcome]:
        return (
            frozenset(value) if isinstance(value, (set, frozenset, tuple)) else frozenset({value})
        )

    return {
        "anonymous": outcomes(anonymous),
        "applicant": outcomes(applicant),
        "member": outcomes(member),
        "organiser": outcomes(organiser),
    }


# The access categories.
# Everyone, logged in or not.
PUBLIC = expect(200, 200, 200, 200)
# Vetted members only: visitors are asked to log in, applicants see the 404 page.
MEMBERS = expect(LOGIN, {404, LOGIN}, 200, 200)
# Anyone logged in, applicants included (their own settings).
SIGNED_IN = expect(LOGIN, 200, 200, 200)
# Network organisers only: everyone else gets the 404 page (or, logged out, the login page).
ORGANISERS = expect({LOGIN, 404}, 404, 404, 200)
# An applicant's own pages (their application): members are sent on elsewhere.
APPLICANTS = expect(LOGIN, {200, REDIRECT}, {REDIRECT, 404}, {REDIRECT, 404})
# django-allauth's account pages: allauth decides (a form, or a redirect to log in or onward).
ACCOUNT = expect({200, REDIRECT}, {200, REDIRECT}, {200, REDIRECT}, {200, REDIRECT})
# allauth pages about something the person may not have (a TOTP device, recovery codes, a key).
ACCOUNT_IF_SET_UP = expect(
    {200, REDIRECT, 404}, {200, REDIRECT, 404}, {200, REDIRECT, 404}, {200, REDIRECT, 404}
)
# The JSON API: without a token, 401 whoever is logged in to the site.
API = expect(401, 401, 401, 401)
# JSON answers for addresses the API does not have.
API_NOT_FOUND = expect(404, 404, 404, 404)
# An invitation link (the world's, a real one): it works for whoever holds it.
INVITATION = expect({200, REDIRECT}, {200, REDIRECT}, {200, REDIRECT}, {200, REDIRECT})

# What an empty POST gets. A page that takes no POST refuses it; a form sent empty answers with
# its errors (200 or 400) or goes on (a redirect, with a message) for those it is for, and the
# 404 page when the world's object is not theirs to act on (someone else's notice).
NO_POST = expect(405, 405, 405, 405)
DONE = frozenset({200, 400, REDIRECT})
DONE_OR_NOT_THEIRS = DONE | {404}
MEMBERS_POST = expect(LOGIN, {404, LOGIN}, DONE_OR_NOT_THEIRS, DONE_OR_NOT_THEIRS)
SIGNED_IN_POST = expect(LOGIN, DONE, DONE, DONE)
ORGANISERS_POST = expect({LOGIN, 404}, 404, 404, DONE)
APPLICANTS_POST = expect(LOGIN, DONE, {REDIRECT, 404}, {REDIRECT, 404})
# allauth answers its own forms: errors, a redirect onward, a refusal of what is not set up.
ACCOUNT_POST = expect(*[frozenset({200, 400, 404, 405, LOGIN, REDIRECT})] * 4)
# The API without a token: 401 where the address takes POST, 405 where it takes other methods.
API_POST = expect(*[frozenset({401, 405})] * 4)
# The default by access category, for pages that are not forms.
DEFAULT_POST = [
    # The organiser area's guard comes first: anyone else gets its 404 page.
    (ORGANISERS, expect(404, 404, 404, 405)),
    (ACCOUNT, ACCOUNT_POST),
    (ACCOUNT_IF_SET_UP, ACCOUNT_POST),
    (API, API_POST),
    (API_NOT_FOUND, API_NOT_FOUND),
]


@dataclass(frozen=True)
class Page:
    """An entry of the table: the access category, and how to fill the pattern's arguments
    (a function of the test world and the viewer; None means "from the argument's name",
    see `ARGUMENTS`), or the path to fetch for a pattern without a name. `fetch=False` lists a
    pattern that cannot be fetched with made-up arguments."""

    access: Expect
    kwargs: Callable[["World", Any], dict[str, Any]] | None = None
    path: str | None = None
    fetch: bool = True
    # What an empty POST gets; None: what its access category's pages get (`DEFAULT_POST`).
    post: Expect | None = None


def _page(entry: "Expect | Page") -> Page:
    page = entry if isinstance(entry, Page) else Page(entry)
    if page.post is None:
        default = next((post for get, post in DEFAULT_POST if get is page.access), NO_POST)
        page = replace(page, post=default)
    return page


def form(access: Expect, post: Expect, **options: Any) -> Page:
    """A page that is also a form: GET as `access` says, an empty POST as `post` says."""
    return Page(access, post=post, **options)


# Forms that only take POST: a GET is refused (after the login check, if any).
POST_ONLY = Page(expect({405, LOGIN}, {405, LOGIN, 404}, 405, 405), post=MEMBERS_POST)
POST_ONLY_PUBLIC = Page(expect(405, 405, 405, 405), post=expect(*[REDIRECT] * 4))
POST_ONLY_ORGANISERS = Page(
    expect({405, LOGIN, 404}, {405, 404}, {405, 404}, 405), post=ORGANISERS_POST
)
# The pages of those who run a gathering: the walker's member runs none, organisers run all.
HOSTS_FORM = form(expect(LOGIN, {404, LOGIN}, 404, 200), expect(LOGIN, {404, LOGIN}, 404, DONE))
# Their actions that only take POST: any GET is refused before the login check.
POST_ONLY_HOSTS = Page(expect(405, 405, 405, 405), post=expect(LOGIN, {404, LOGIN}, 404, DONE))
# API operations that take no GET: the method is refused before anything else.
API_WRITE = Page(expect(405, 405, 405, 405), post=API_POST)


# Peer buddies and check-ins (issue 13): the world has no pair or check-in of the viewer's, so
# their pages answer 404 to members, as for one that does not exist.
def _nobodys(name: str) -> Callable[["World", Any], dict[str, Any]]:
    return lambda world, viewer: {name: 2**31 - 1}


NOT_THEIRS = expect(LOGIN, {404, LOGIN}, 404, 404)
SUPPORT_PEERS: dict[str, "Expect | Page"] = {
    "buddies_home": MEMBERS,
    "buddies_opt_in": POST_ONLY,
    "buddies_opt_out": POST_ONLY,
    "buddies_propose": POST_ONLY,
    "buddies_pair": Page(NOT_THEIRS, kwargs=_nobodys("pair_id")),
    **{
        name: replace(POST_ONLY, kwargs=_nobodys("pair_id"))
        for name in ("buddies_answer", "buddies_end", "buddies_message")
    },
    "checkins_home": MEMBERS,
    "checkins_choice": POST_ONLY,
    "checkins_snooze": POST_ONLY,
    "checkins_opt_out": POST_ONLY,
    "checkins_reach_out": form(NOT_THEIRS, NOT_THEIRS, kwargs=_nobodys("member_id")),
    "checkin_detail": Page(NOT_THEIRS, kwargs=_nobodys("checkin_id")),
    **{
        name: replace(POST_ONLY, kwargs=_nobodys("checkin_id"))
        for name in ("checkin_message", "checkin_done")
    },
    "checkins_team": ORGANISERS,
    "checkins_team_change": Page(
        expect(405, 405, 405, 405), post=expect({LOGIN, 404}, {404, LOGIN}, 404, DONE)
    ),
    "api-v1:get_buddy_status": API,
    "api-v1:put_buddy_opt_in": API_WRITE,
    "api-v1:delete_buddy_opt_in": API_WRITE,
    "api-v1:get_buddy_suggestions": API,
    "api-v1:post_buddy_proposal": API_WRITE,
    "api-v1:get_buddy_pair": API,
    "api-v1:post_buddy_answer": API_WRITE,
    "api-v1:post_buddy_end": API_WRITE,
    "api-v1:post_buddy_message": API_WRITE,
    "api-v1:get_checkin_status": API,
    "api-v1:put_checkin_choice": API_WRITE,
    "api-v1:delete_checkin_choice": API_WRITE,
    "api-v1:post_checkin_snooze": API_WRITE,
    "api-v1:post_checkin_take": API_WRITE,
    "api-v1:get_checkin_detail": API,
    "api-v1:post_checkin_message": API_WRITE,
    "api-v1:post_checkin_done": API_WRITE,
}

# The aid board's pages for organisers, and their actions (any GET is refused first).
AID_ORGANISERS = expect(LOGIN, {404, LOGIN}, 404, 200)
AID_ORGANISER_ACTION = Page(expect(405, 405, 405, 405), post=expect(LOGIN, {404, LOGIN}, 404, DONE))


# The HSDS API's operations on one record, and whose id the walker's world gives them.
HSDS_ONE = ("service", "service_at_location", "organization", "taxonomy", "taxonomy_term")

ACCESS: dict[str, Expect | Page] = {
    # Public face, language, code of conduct.
    "home": expect(200, REDIRECT, 200, 200),
    "about": PUBLIC,
    "set_language": POST_ONLY_PUBLIC,
    # Anyone may read it; accepting it (members only) answers every empty POST by coming back.
    "conduct": form(PUBLIC, expect(REDIRECT, REDIRECT, REDIRECT, REDIRECT)),
    # Joining.
    "apply": form(APPLICANTS, APPLICANTS_POST),
    "application_status": form(APPLICANTS, APPLICANTS_POST),
    # Someone already a member is told so; a newcomer goes on to sign up or to their page.
    "invitation_accept": form(INVITATION, expect(REDIRECT, REDIRECT, 200, 200)),
    # A member's own pages.
    "profile_edit": form(MEMBERS, MEMBERS_POST),
    "profile_preview": MEMBERS,
    "settings_edit": form(SIGNED_IN, SIGNED_IN_POST),
    "token_list": form(MEMBERS, MEMBERS_POST),
    "block_list": MEMBERS,
    "member_unblock": POST_ONLY,
    # Members and groups.
    "member_list": MEMBERS,
    "member_detail": MEMBERS,
    "member_block": POST_ONLY,
    "report_form": form(
        MEMBERS,
        MEMBERS_POST,
        kwargs=lambda world, viewer: {"kind": "member", "target_id": world.other_member.pk},
    ),
    "report_sent": MEMBERS,
    "my_warnings": MEMBERS,
    "group_list": MEMBERS,
    "group_detail": MEMBERS,
    "group_join": POST_ONLY,
    "group_leave": POST_ONLY,
    "group_request_decide": POST_ONLY,
    "group_invitation_answer": POST_ONLY,
    "group_organiser": POST_ONLY,
    "member_group_invite": POST_ONLY,
    # The walker's member is in the group but does not run it; organisers run every group.
    "group_edit": form(
        expect(LOGIN, {404, LOGIN}, 404, 200), expect(LOGIN, {404, LOGIN}, 404, DONE)
    ),
    # Gatherings. The world's occurrence is a network event's date that everyone vetted sees.
    "event_list": MEMBERS,
    "my_events": MEMBERS,
    "event_month_current": expect(LOGIN, {404, LOGIN}, REDIRECT, REDIRECT),
    "event_month": Page(MEMBERS, kwargs=lambda world, viewer: {"year": 2026, "month": 5}),
    "occurrence_detail": MEMBERS,
    "occurrence_rsvp": POST_ONLY,
    "occurrence_withdraw": POST_ONLY,
    "occurrence_seat": POST_ONLY,
    # The world's invitation-only event: its link shows what it is for; its button (a POST)
    # lets the member in and sends them on.
    "event_invitation": Page(
        MEMBERS,
        kwargs=lambda world, viewer: {"token": world.event_token},
        post=expect(LOGIN, {404, LOGIN}, REDIRECT, REDIRECT),
    ),
    # Gatherings, for those who run them: the walker's event is the network's, hosted by
    # another member, so the walker's member sees it but runs nothing; organisers run it.
    "event_create": HOSTS_FORM,
    "event_edit": HOSTS_FORM,
    "occurrence_edit": HOSTS_FORM,
    "occurrence_cancel": HOSTS_FORM,
    "event_cancel": HOSTS_FORM,
    "event_message": HOSTS_FORM,
    # Its date has not started: an empty POST is told attendance waits for the start (400).
    "occurrence_attendance": HOSTS_FORM,
    "occurrence_attendance_csv": expect(LOGIN, {404, LOGIN}, 404, 200),
    "event_hosts": POST_ONLY_HOSTS,
    "rsvp_decide": POST_ONLY_HOSTS,
    "event_invite_renew": POST_ONLY_HOSTS,
    # The walker's event has no picture.
    "event_image": expect(LOGIN, {404, LOGIN}, 404, 404),
    # Calendar files: for members who see the event; the feed answers its secret alone (a
    # made-up one is the 404 page for everyone), and the page that makes it is a member's own.
    "occurrence_calendar": Page(
        MEMBERS, kwargs=lambda world, viewer: {"occurrence_id": world.occurrence.pk}
    ),
    "series_calendar": Page(
        MEMBERS, kwargs=lambda world, viewer: {"occurrence_id": world.occurrence.pk}
    ),
    "calendar_feed": Page(
        expect(404, 404, 404, 404), kwargs=lambda world, viewer: {"secret": "not-a-feed-secret"}
    ),
    "calendar_feed_settings": form(MEMBERS, MEMBERS_POST),
    # Film nights: the walker's member is in the world's group but runs nothing.
    "film_list": form(MEMBERS, MEMBERS_POST),
    "film_detail": form(MEMBERS, MEMBERS_POST),
    "film_remove": POST_ONLY,
    "poll_list": MEMBERS,
    "poll_new": form(expect(LOGIN, {404, LOGIN}, 404, 200), expect(LOGIN, {404, LOGIN}, 404, DONE)),
    "poll_detail": MEMBERS,
    "poll_vote": POST_ONLY,
    "poll_propose": POST_ONLY,
    "poll_close": POST_ONLY,
    "poll_make_event": form(
        expect(LOGIN, {404, LOGIN}, 404, 200),
        expect(LOGIN, {404, LOGIN}, 404, DONE),
        kwargs=lambda world, viewer: {"poll_id": world.closed_poll.pk},
    ),
    # A gathering's sign-up sheet: forms on the occurrence's page. The walker's member has a
    # seat (an empty claim comes back with its errors) and does not run it (the slot forms are
    # the 404 page); organisers run every event.
    "sheet_slot_add": POST_ONLY,
    "sheet_slot_change": POST_ONLY,
    "sheet_slot_remove": POST_ONLY,
    "sheet_claim": POST_ONLY,
    "sheet_claim_change": POST_ONLY,
    "sheet_claim_withdraw": POST_ONLY,
    # Notifications.
    "notice_list": MEMBERS,
    "notice_open": POST_ONLY,
    "notice_read_all": POST_ONLY,
    # Organising the network.
    "organise_home": ORGANISERS,
    "organise_applications": ORGANISERS,
    "organise_application": ORGANISERS,
    "organise_application_approve": POST_ONLY_ORGANISERS,
    "organise_application_decline": POST_ONLY_ORGANISERS,
    "organise_application_ask": POST_ONLY_ORGANISERS,
    "organise_invitations": form(ORGANISERS, ORGANISERS_POST),
    # Shows a just-made link once, then sends the organiser back to the list.
    "organise_invitation_created": Page(
        expect({LOGIN, 404}, 404, 404, {200, REDIRECT}), post=expect(404, 404, 404, 405)
    ),
    "organise_invitation_revoke": POST_ONLY_ORGANISERS,
    "organise_members": ORGANISERS,
    "organise_member": ORGANISERS,
    "organise_member_suspend": POST_ONLY_ORGANISERS,
    "organise_member_reinstate": POST_ONLY_ORGANISERS,
    "organise_member_remove": POST_ONLY_ORGANISERS,
    "organise_member_roles": POST_ONLY_ORGANISERS,
    "organise_member_verify": POST_ONLY_ORGANISERS,
    "organise_member_unverify": POST_ONLY_ORGANISERS,
    "organise_settings": form(ORGANISERS, ORGANISERS_POST),
    "organise_groups": ORGANISERS,
    "organise_group_new": form(ORGANISERS, ORGANISERS_POST),
    "organise_group_archive": POST_ONLY_ORGANISERS,
    "organise_group_unarchive": POST_ONLY_ORGANISERS,
    "organise_areas": form(ORGANISERS, ORGANISERS_POST),
    "organise_area_rename": POST_ONLY_ORGANISERS,
    "organise_area_move": POST_ONLY_ORGANISERS,
    "organise_area_delete": POST_ONLY_ORGANISERS,
    "organise_questions": form(ORGANISERS, ORGANISERS_POST),
    "organise_question_edit": form(ORGANISERS, ORGANISERS_POST),
    "organise_question_move": POST_ONLY_ORGANISERS,
    "organise_question_active": POST_ONLY_ORGANISERS,
    "organise_conduct": form(ORGANISERS, ORGANISERS_POST),
    "organise_audit": ORGANISERS,
    "organise_reports": ORGANISERS,
    "organise_report": ORGANISERS,
    "organise_report_dismiss": POST_ONLY_ORGANISERS,
    "organise_report_warn": POST_ONLY_ORGANISERS,
    "organise_report_suspend": POST_ONLY_ORGANISERS,
    # The directory's HSDS files: the upload form, an import (one made for the walk), exports.
    "organise_directory_hsds": form(ORGANISERS, ORGANISERS_POST),
    "organise_directory_hsds_import": Page(
        ORGANISERS,
        kwargs=lambda world, viewer: {
            "import_id": HsdsImport.objects.create(file_name="walk.zip").pk
        },
    ),
    "organise_directory_hsds_export_tabular": ORGANISERS,
    "organise_directory_hsds_export_json": ORGANISERS,
    # django-allauth: log in and out, sign up, addresses, passwords, two-factor, sessions.
    "account_login": ACCOUNT,
    "account_logout": ACCOUNT,
    "account_inactive": ACCOUNT,
    "account_signup": ACCOUNT,
    "account_reauthenticate": ACCOUNT,
    "account_email": ACCOUNT,
    "account_email_verification_sent": ACCOUNT,
    "account_change_password": ACCOUNT,
    "account_set_password": ACCOUNT,
    "account_reset_password": ACCOUNT,
    "account_confirm_login_code": ACCOUNT,
    "account_confirm_email": Page(ACCOUNT, kwargs=lambda world, viewer: {"key": "not-a-key"}),
    "account_reset_password_from_key_done": ACCOUNT,
    "account_reset_password_from_key": Page(
        ACCOUNT, kwargs=lambda world, viewer: {"uidb36": "zz", "key": "not-a-key"}
    ),
    "account_reset_password_done": ACCOUNT,
    "mfa_index": ACCOUNT,
    "mfa_authenticate": ACCOUNT,
    "mfa_reauthenticate": ACCOUNT,
    "mfa_activate_totp": ACCOUNT,
    "mfa_deactivate_totp": ACCOUNT_IF_SET_UP,
    "mfa_view_recovery_codes": ACCOUNT_IF_SET_UP,
    "mfa_generate_recovery_codes": ACCOUNT,
    "mfa_download_recovery_codes": ACCOUNT_IF_SET_UP,
    "mfa_list_webauthn": ACCOUNT,
    "mfa_add_webauthn": ACCOUNT,
    "mfa_reauthenticate_webauthn": ACCOUNT,
    "mfa_remove_webauthn": Page(ACCOUNT_IF_SET_UP, kwargs=lambda world, viewer: {"pk": 999999}),
    "mfa_edit_webauthn": Page(ACCOUNT_IF_SET_UP, kwargs=lambda world, viewer: {"pk": 999999}),
    "mfa_login_webauthn": ACCOUNT,
    "usersessions_list": ACCOUNT,
    # The JSON API (/api/v1/).
    "api/v1/": API_NOT_FOUND,
    "api/v1/^.*$": Page(API_NOT_FOUND, path="/api/v1/no-such-thing"),
    "api-v1:api-root": API_NOT_FOUND,
    # ninja serves its document whatever the method.
    "api-v1:openapi-json": form(PUBLIC, expect(200, 200, 200, 200)),
    "api-v1:get_me": API,
    "api-v1:patch_me": API,
    "api-v1:get_members": API,
    "api-v1:get_member": API,
    "api-v1:get_blocks": API,
    "api-v1:post_block": API_WRITE,
    "api-v1:delete_block": API_WRITE,
    "api-v1:get_groups": API,
    "api-v1:get_group_detail": API,
    "api-v1:post_join_group": API_WRITE,
    "api-v1:post_leave_group": API_WRITE,
    # The same paths as the list and one group, which answer GET.
    "api-v1:post_create_group": API,
    "api-v1:patch_group": API,
    "api-v1:post_archive_group": API_WRITE,
    "api-v1:post_unarchive_group": API_WRITE,
    "api-v1:put_group_organiser": API_WRITE,
    "api-v1:delete_group_organiser": API_WRITE,
    "api-v1:post_group_invitation": API_WRITE,
    "api-v1:post_accept_group_invitation": API_WRITE,
    "api-v1:post_decline_group_invitation": API_WRITE,
    "api-v1:get_applications": API,
    "api-v1:get_application_detail": API,
    "api-v1:post_approve_application": API_WRITE,
    "api-v1:post_decline_application": API_WRITE,
    "api-v1:post_application_question": API_WRITE,
    "api-v1:post_report": API_WRITE,
    "api-v1:get_reports": API,
    "api-v1:get_report": API,
    "api-v1:post_dismiss_report": API_WRITE,
    "api-v1:post_warn_member": API_WRITE,
    "api-v1:post_suspend_from_report": API_WRITE,
    "api-v1:get_tokens": API,
    "api-v1:delete_token": API_WRITE,
    "api-v1:get_films": API,
    # The same path as the list, which answers GET.
    "api-v1:post_film": API,
    "api-v1:get_polls": API,
    "api-v1:get_poll": API,
    "api-v1:post_vote": API_WRITE,
    "api-v1:get_event_sheet": API,
    "api-v1:post_event_slot": API_WRITE,
    "api-v1:post_slot_claim": API_WRITE,
    "api-v1:delete_slot_claim": API_WRITE,
    "api-v1:get_events": API,
    "api-v1:get_my_events": API,
    "api-v1:get_occurrence_detail": API,
    "api-v1:get_event_occurrences": API,
    "api-v1:post_rsvp": API_WRITE,
    "api-v1:delete_rsvp": API_WRITE,
    "api-v1:post_seat": API_WRITE,
    "api-v1:post_create_event": API,  # the same address as get_events
    "api-v1:patch_event": API_WRITE,
    "api-v1:post_cancel_occurrence": API_WRITE,
    "api-v1:patch_occurrence": API,  # the same address as get_occurrence_detail
    "api-v1:patch_following": API_WRITE,
    "api-v1:patch_event_slot": API_WRITE,
    "api-v1:delete_event_slot": API_WRITE,
    "api-v1:patch_slot_claim": API_WRITE,
    "api-v1:post_poll": API,  # the same address as get_polls
    "api-v1:post_close_poll": API_WRITE,
    "api-v1:post_poll_event": API_WRITE,
    "api-v1:get_calendar_feed": API,
    "api-v1:delete_calendar_feed": API,  # the same address as get_calendar_feed
    # The aid board. The world's request and offer are another member's, open to every member;
    # the walker's member offered to help with the request (the match) and has a follow-up to
    # answer on it. Organisers see every request, offer and match; funds are theirs alone.
    "aid_board": MEMBERS,
    "aid_offers": MEMBERS,
    "aid_mine": MEMBERS,
    "aid_request_new": form(MEMBERS, MEMBERS_POST),
    "aid_request_detail": MEMBERS,
    # Only whoever asked changes a request: anyone else is sent back to it.
    "aid_request_edit": form(
        expect(LOGIN, {404, LOGIN}, REDIRECT, REDIRECT),
        expect(LOGIN, {404, LOGIN}, REDIRECT, REDIRECT),
    ),
    "aid_request_close": POST_ONLY,
    "aid_request_progress": POST_ONLY,
    # The member already offered: an empty POST is told so (400); an organiser offers.
    "aid_request_help": form(MEMBERS, MEMBERS_POST),
    "aid_request_ask": POST_ONLY,
    "aid_offer_new": form(MEMBERS, MEMBERS_POST),
    "aid_offer_detail": MEMBERS,
    "aid_offer_edit": form(
        expect(LOGIN, {404, LOGIN}, REDIRECT, REDIRECT),
        expect(LOGIN, {404, LOGIN}, REDIRECT, REDIRECT),
    ),
    "aid_offer_close": POST_ONLY,
    "aid_match_detail": MEMBERS,
    "aid_match_answer": POST_ONLY,
    "aid_match_withdraw": POST_ONLY,
    "aid_match_message": POST_ONLY,
    "aid_match_contact": POST_ONLY,
    # The member's own follow-up: anyone else (an organiser too) gets the 404 page.
    "aid_follow_up": form(
        expect(LOGIN, {404, LOGIN}, 200, 404), expect(LOGIN, {404, LOGIN}, DONE, 404)
    ),
    "aid_dispatch": AID_ORGANISERS,
    "aid_request_dispatch": AID_ORGANISER_ACTION,
    "aid_request_grant": AID_ORGANISER_ACTION,
    "aid_request_payment": AID_ORGANISER_ACTION,
    "aid_figures": AID_ORGANISERS,
    "aid_funds": form(AID_ORGANISERS, expect(LOGIN, {404, LOGIN}, 404, DONE)),
    "aid_fund_detail": form(AID_ORGANISERS, expect(LOGIN, {404, LOGIN}, 404, DONE)),
    "aid_areas": AID_ORGANISERS,
    "aid_area_place": AID_ORGANISER_ACTION,
    "api-v1:get_aid_requests": API,
    "api-v1:post_aid_request": API,  # the same address as get_aid_requests
    "api-v1:get_aid_request": API,
    "api-v1:patch_aid_request": API,  # the same address as get_aid_request
    "api-v1:post_close_aid_request": API_WRITE,
    "api-v1:post_aid_progress": API_WRITE,
    "api-v1:get_aid_offers": API,
    "api-v1:post_aid_offer": API,  # the same address as get_aid_offers
    "api-v1:get_aid_offer": API,
    "api-v1:patch_aid_offer": API,  # the same address as get_aid_offer
    "api-v1:post_close_aid_offer": API_WRITE,
    "api-v1:post_offer_help": API_WRITE,
    "api-v1:post_ask_helper": API_WRITE,
    "api-v1:post_dispatch": API_WRITE,
    "api-v1:get_aid_match": API,
    "api-v1:post_answer_match": API_WRITE,
    "api-v1:post_withdraw_match": API_WRITE,
    "api-v1:post_aid_message": API_WRITE,
    "api-v1:put_aid_contact": API_WRITE,
    "api-v1:get_my_aid": API,
    "api-v1:post_follow_up": API_WRITE,
    "api-v1:get_dispatch_queue": API,
    # Support circles. The world's circle is listed and facilitated by the other member, with
    # a request for a place waiting; the walker's member and organiser facilitate nothing and
    # have no place, so the intake pages and their actions are the 404 page for them.
    "support_hub": MEMBERS,
    "support_circles": MEMBERS,
    "support_circle": MEMBERS,
    "support_circle_ask": POST_ONLY,
    "support_circle_agree": POST_ONLY,
    "support_circle_leave": POST_ONLY,
    "support_intake": expect(LOGIN, {404, LOGIN}, 404, 404),
    "support_intake_edit": form(
        expect(LOGIN, {404, LOGIN}, 404, 404), expect(LOGIN, {404, LOGIN}, 404, 404)
    ),
    "support_intake_decide": Page(POST_ONLY.access, post=expect(LOGIN, {404, LOGIN}, 404, 404)),
    "organise_circles": ORGANISERS,
    "organise_circle_new": form(ORGANISERS, ORGANISERS_POST),
    "organise_circle": form(ORGANISERS, ORGANISERS_POST),
    "organise_circles_keep_apart": POST_ONLY_ORGANISERS,
    "organise_circle_archive": POST_ONLY_ORGANISERS,
    "organise_circle_facilitator": POST_ONLY_ORGANISERS,
    "organise_circle_facilitator_remove": POST_ONLY_ORGANISERS,
    "api-v1:get_my_circles": API,
    "api-v1:get_circle_intake": API,
    "api-v1:post_place_decision": API_WRITE,
    # The directory: the walker's service, organisation and business are public, so everyone
    # sees them (the public directory); members write about them; organisers run it.
    "directory": PUBLIC,
    "directory_service": PUBLIC,
    "directory_organization": PUBLIC,
    "directory_businesses": PUBLIC,
    "directory_business": PUBLIC,
    "directory_vouch": POST_ONLY,
    **{
        f"directory_{action}_{kind}": form(
            MEMBERS,
            MEMBERS_POST,
            kwargs=lambda world, viewer, kind=kind: {"listing_id": world.listings[kind].pk},
        )
        for action, kinds in (
            ("suggest", ("service", "organization", "business")),
            ("recommend", ("service", "business")),
        )
        for kind in kinds
    },
    "directory_review": ORGANISERS,
    "directory_review_suggestion": POST_ONLY_ORGANISERS,
    "directory_review_recommendation": POST_ONLY_ORGANISERS,
    "directory_places": ORGANISERS,
    **{
        name: form(ORGANISERS, ORGANISERS_POST)
        for name in (
            "directory_organization_new",
            "directory_organization_edit",
            "directory_service_new",
            "directory_service_edit",
            "directory_place_new",
            "directory_place_edit",
            "directory_business_new",
            "directory_business_edit",
        )
    },
    "directory_service_verify": POST_ONLY_ORGANISERS,
    "directory_business_verify": POST_ONLY_ORGANISERS,
    "directory_business_standing": POST_ONLY_ORGANISERS,
    "api-v1:get_directory_services": API,
    "api-v1:get_directory_service": API,
    "api-v1:get_directory_businesses": API,
    "api-v1:get_directory_business": API,
    **{
        name: Page(
            API_WRITE.access,
            post=API_POST,
            kwargs=lambda world, viewer: {
                "kind": "services",
                "listing_id": world.listings["service"].pk,
            },
        )
        for name in ("api-v1:post_recommendation", "api-v1:post_suggestion")
    },
    "api-v1:post_vouch": API_WRITE,
    "api-v1:delete_vouch": API_WRITE,
    # Peer buddies and check-ins (issue 13). A pair or a check-in id nobody has: the same 404
    # as one that is not the viewer's (tejido/buddies and tejido/checkins test their own).
    **SUPPORT_PEERS,
    # The directory's HSDS-shaped API (/api/hsds/): public, no token, GET only.
    "api/hsds/^.*$": Page(API_NOT_FOUND, path="/api/hsds/no-such-thing"),
    "api-hsds:openapi-json": form(PUBLIC, expect(200, 200, 200, 200)),
    # ninja's root: the same address as the API's own root operation.
    "api-hsds:api-root": Page(PUBLIC, post=expect(405, 405, 405, 405)),
    **{
        f"api-hsds:get_hsds_{name}": Page(
            PUBLIC,
            post=expect(405, 405, 405, 405),
            kwargs=(lambda world, viewer, name=name: {"id": world.hsds_ids[name]})
            if name in HSDS_ONE
            else None,
        )
        for name in (
            "root",
            "services",
            "service",
            "service_at_locations",
            "service_at_location",
            "organizations",
            "organization",
            "taxonomies",
            "taxonomy",
            "taxonomy_terms",
            "taxonomy_term",
        )
    },
    # --- support circles: sessions and notes (a circle's facilitators only: anyone else, an
    # organiser too, gets the 404 page; the walker's made-up circle is nobody's) ---
    "my_circle_sessions": MEMBERS,
    "circle_sessions_of": expect(LOGIN, {404, LOGIN}, 404, 404),
    "circle_session_series_new": form(
        expect(LOGIN, {404, LOGIN}, 404, 404), expect(LOGIN, {404, LOGIN}, 404, 404)
    ),
    "circle_session_detail": form(
        expect(LOGIN, {404, LOGIN}, 404, 404), expect(LOGIN, {404, LOGIN}, 404, 404)
    ),
    "circle_session_note_new": Page(
        expect({405, LOGIN}, {405, LOGIN, 404}, 405, 405),
        post=expect(LOGIN, {404, LOGIN}, 404, 404),
    ),
    "circle_session_note_delete": Page(
        expect({405, LOGIN}, {405, LOGIN, 404}, 405, 405),
        post=expect(LOGIN, {404, LOGIN}, 404, 404),
    ),
    "api-v1:get_my_sessions": API,
    "api-v1:get_attendance": API,
    "api-v1:post_attendance": API,  # the same address as get_attendance
    # --- end of support circles: sessions and notes ---
    # Crisis lines and professionals (issue 13).
    "help_now": PUBLIC,
    "organise_crisis_lines": ORGANISERS,
    "organise_crisis_line_new": form(ORGANISERS, ORGANISERS_POST),
    "organise_crisis_line_edit": form(ORGANISERS, ORGANISERS_POST),
    "organise_crisis_line_checked": POST_ONLY_ORGANISERS,
    "organise_crisis_line_remove": POST_ONLY_ORGANISERS,
    "professional_list": MEMBERS,
    "professional_detail": MEMBERS,
    "organise_professionals": ORGANISERS,
    "organise_professional_new": form(ORGANISERS, ORGANISERS_POST),
    "organise_professional_edit": form(ORGANISERS, ORGANISERS_POST),
    "organise_professional_verify": POST_ONLY_ORGANISERS,
    "organise_professional_listing": POST_ONLY_ORGANISERS,
    "api-v1:get_professionals": API,
    "api-v1:get_one_professional": API,
}


@dataclass
class World:
    """What the URL arguments point at."""

    users: dict[str, Any]
    other_member: Any
    group: Any
    notice: Any
    application: Any
    invitation: Any
    area: Any
    question: Any
    api_token: Any
    report: Any
    event: Any
    occurrence: Any
    event_token: str
    film: Any
    poll: Any
    closed_poll: Any
    # The gathering's date's sign-up sheet: a slot, and the member's claim on it.
    slot: Any = None
    claim: Any = None
    # The aid board's request, offer, match, follow-up and fund.
    aid: dict[str, Any] = field(default_factory=dict)
    # The directory: a public service, organisation and business (by kind), a place, a
    # suggestion and a recommendation waiting for organisers, and the HSDS API's records.
    listings: dict[str, Any] = field(default_factory=dict)
    location: Any = None
    suggestion: Any = None
    recommendation: Any = None
    hsds_ids: dict[str, Any] = field(default_factory=dict)
    # Support circles: a circle and a request for a place in it.
    circles: dict[str, Any] = field(default_factory=dict)
    # Crisis lines and professionals (issue 13): a line and a listed professional.
    crisis_line: Any = None
    professional: Any = None


def build_world() -> World:
    from tejido.accounts.tokens import create_token
    from tejido.gatherings.factories import (
        EventFactory,
        FilmFactory,
        OccurrenceFactory,
        PollFactory,
        PollOptionFactory,
    )
    from tejido.gatherings.models import Vote
    from tejido.membership.factories import (
        ApplicationFactory,
        ApplicationQuestionFactory,
        InvitationFactory,
    )
    from tejido.moderation.report_services import report
    from tejido.network.factories import AreaFactory
    from tejido.notifications.models import Notice

    users: dict[str, Any] = {
        "anonymous": None,
        "applicant": ApplicantFactory(),
        "member": UserFactory(),
        "organiser": OrganiserFactory(),
    }
    group = GroupFactory()
    GroupMembershipFactory(group=group, user=users["member"])
    other = UserFactory()
    notice = Notice.objects.create(user=users["member"], kind="walker.test", params={})
    api_token, _plaintext = create_token(actor=users["member"], name="walker")
    # A report about the other member, for the organisers' report pages.
    sent = report(actor=UserFactory(), kind="member", target_id=other.pk, reason="spam")
    # A network gathering hosted by the other member, with one date a week ahead (of the
    # walker's group, which the walker's member is in), and an invitation-only one.
    from tejido.gatherings.factories import HostFactory

    event = EventFactory(group=group)
    HostFactory(event=event, user=other)
    occurrence = OccurrenceFactory(event=event)
    private = EventFactory(visibility="invitation", invite_token="walker-invitation")
    OccurrenceFactory(event=private)
    # An open poll with a film, and a closed one whose winner may become a film night.
    film = FilmFactory()
    poll = PollFactory()
    PollOptionFactory(poll=poll, film=film)
    closed_poll = PollFactory(closes_at=now() - timedelta(hours=1))
    winner = PollOptionFactory(poll=closed_poll, film=film)
    Vote.objects.create(poll=closed_poll, option=winner, user=other)
    # The member has a seat on that date, and a claim on its sign-up sheet.
    from tejido.gatherings.factories import ClaimFactory, RsvpFactory, SlotFactory

    RsvpFactory(occurrence=occurrence, user=users["member"])
    slot = SlotFactory(occurrence=occurrence, wanted=3)
    claim = ClaimFactory(slot=slot, user=users["member"])
    aid = _aid_world(users["member"], other)
    directory = _directory_world(other)
    return World(
        users=users,
        other_member=other,
        group=group,
        notice=notice,
        application=ApplicationFactory(user=users["applicant"]),
        invitation=InvitationFactory(created_by=users["organiser"]),
        area=AreaFactory(),
        question=ApplicationQuestionFactory(),
        api_token=api_token,
        report=sent,
        event=event,
        occurrence=occurrence,
        event_token="walker-invitation",
        film=film,
        poll=poll,
        closed_poll=closed_poll,
        slot=slot,
        claim=claim,
        aid=aid,
        **directory,
        circles=_circles_world(other),
        # Crisis lines and professionals (issue 13).
        **_support_listings_world(),
    )


def _circles_world(other: Any) -> dict[str, Any]:
    """A listed circle the other member facilitates, and someone's request for a place."""
    from tejido.support.factories import CircleFactory, FacilitatorFactory, PlaceFactory

    circle = CircleFactory()
    FacilitatorFactory(circle=circle, user=other)
    return {"circle": circle, "place": PlaceFactory(circle=circle, state="asked")}


def _aid_world(member: Any, other: Any) -> dict[str, Any]:
    """Another member's request and offer (open to every member), the member's offer to help
    with the request, a follow-up for the member on it, and a fund."""
    from tejido.aid.factories import AidOfferFactory, AidRequestFactory, FundFactory, MatchFactory
    from tejido.aid.models import FollowUp

    request = AidRequestFactory(requester=other)
    match = MatchFactory(request=request, helper=member)
    return {
        "request": request,
        "offer": AidOfferFactory(helper=other),
        "match": match,
        "follow_up": FollowUp.objects.create(match=match, user=member, asked_at=now()),
        "fund": FundFactory(),
    }


def _directory_world(other: Any) -> dict[str, Any]:
    from tejido.directory.factories import (
        BusinessFactory,
        RecommendationFactory,
        ServiceAtLocationFactory,
        ServiceFactory,
        SuggestionFactory,
        term,
    )
    from tejido.directory.models import CATEGORIES_ID

    service = ServiceFactory()
    place = ServiceAtLocationFactory(service=service)
    business = BusinessFactory()
    return {
        "listings": {
            "service": service,
            "organization": service.organization,
            "business": business,
        },
        "location": place.location,
        "suggestion": SuggestionFactory(author=other, service=service),
        "recommendation": RecommendationFactory(author=other, service=service),
        "hsds_ids": {
            "service": service.pk,
            "service_at_location": place.pk,
            "organization": service.organization_id,
            "taxonomy": CATEGORIES_ID,
            "taxonomy_term": term("housing").pk,
        },
    }


def _support_listings_world() -> dict[str, Any]:
    """Crisis lines and professionals (issue 13)."""
    from tejido.crisis.factories import CrisisLineFactory
    from tejido.professionals.factories import ProfessionalFactory

    return {"crisis_line": CrisisLineFactory(), "professional": ProfessionalFactory()}


# How to fill an argument from its name when a table entry does not say.
ARGUMENTS: dict[str, Callable[[World, Any], Any]] = {
    "slug": lambda world, viewer: world.group.slug,
    "group_slug": lambda world, viewer: world.group.slug,
    "member_id": lambda world, viewer: world.other_member.pk,
    "user_id": lambda world, viewer: world.other_member.pk,
    "notice_id": lambda world, viewer: world.notice.pk,
    "application_id": lambda world, viewer: world.application.pk,
    "invitation_id": lambda world, viewer: world.invitation.pk,
    "area_id": lambda world, viewer: world.area.pk,
    "question_id": lambda world, viewer: world.question.pk,
    "token_id": lambda world, viewer: world.api_token.pk,
    "report_id": lambda world, viewer: world.report.pk,
    "film_id": lambda world, viewer: world.film.pk,
    "poll_id": lambda world, viewer: world.poll.pk,
    "token": lambda world, viewer: world.invitation.token,
    "event_id": lambda world, viewer: world.event.pk,
    "occurrence_id": lambda world, viewer: world.occurrence.pk,
    "slot_id": lambda world, viewer: world.slot.pk,
    "claim_id": lambda world, viewer: world.claim.pk,
    "request_id": lambda world, viewer: world.aid["request"].pk,
    "offer_id": lambda world, viewer: world.aid["offer"].pk,
    "match_id": lambda world, viewer: world.aid["match"].pk,
    "follow_up_id": lambda world, viewer: world.aid["follow_up"].pk,
    "fund_id": lambda world, viewer: world.aid["fund"].pk,
    "circle_id": lambda world, viewer: world.circles["circle"].pk,
    "place_id": lambda world, viewer: world.circles["place"].pk,
    "service_id": lambda world, viewer: world.listings["service"].pk,
    "organization_id": lambda world, viewer: world.listings["organization"].pk,
    "business_id": lambda world, viewer: world.listings["business"].pk,
    "location_id": lambda world, viewer: world.location.pk,
    "suggestion_id": lambda world, viewer: world.suggestion.pk,
    "recommendation_id": lambda world, viewer: world.recommendation.pk,
    # Crisis lines and professionals (issue 13).
    "line_id": lambda world, viewer: world.crisis_line.pk,
    "professional_id": lambda world, viewer: world.professional.pk,
}


@dataclass(frozen=True)
class Pattern:
    key: str  # name (with namespace) or route
    route: str
    name: str | None
    arguments: tuple[str, ...]
    regex: bool


def _join(namespace: str | None, more: str | None) -> str | None:
    if not more:
        return namespace
    return f"{namespace}:{more}" if namespace else more


def _arguments(pattern: Any) -> tuple[str, ...]:
    if isinstance(pattern, RoutePattern):
        return tuple(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return tuple(pattern.regex.groupindex)
    return ()


def walk(
    resolver: URLResolver | None = None,
    prefix: str = "",
    namespace: str | None = None,
    inherited: tuple[str, ...] = (),
    regex: bool = False,
) -> Iterator[Pattern]:
    """Every URL pattern of the project, nested includes followed."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        arguments = inherited + _arguments(entry.pattern)
        is_regex = regex or isinstance(entry.pattern, RegexPattern)
        if isinstance(entry, URLResolver):
            yield from walk(entry, route, _join(namespace, entry.namespace), arguments, is_regex)
        elif isinstance(entry, URLPattern):
            name = _join(namespace, entry.name) if entry.name else None
            yield Pattern(
                key=name or route, route=route, name=name, arguments=arguments, regex=is_regex
            )


def all_patterns() -> list[Pattern]:
    unique: dict[str, Pattern] = {}
    for pattern in walk():
        unique.setdefault(pattern.key, pattern)
    return list(unique.values())


def test_every_url_pattern_is_listed():
    present = {p.key for p in all_patterns()}
    missing = sorted(present - ACCESS.keys())
    stale = sorted(ACCESS.keys() - present)
    assert not missing, (
        "These URL patterns have no entry in ACCESS (tejido/web/tests/test_url_access.py). Add "
        "each with who may open it (PUBLIC, MEMBERS, SIGNED_IN, ORGANISERS, APPLICANTS, ACCOUNT, "
        "API, POST_ONLY … or an expect(...) of your own):\n  " + "\n  ".join(missing)
    )
    assert not stale, "ACCESS lists patterns that no longer exist; remove them:\n  " + "\n  ".join(
        stale
    )


def test_the_walker_sees_every_part_of_the_project():
    keys = {p.key for p in all_patterns()}
    assert {"home", "notice_list", "account_login"} <= keys
    assert any(p.route.startswith("api/v1/") for p in all_patterns())


def url_for(pattern: Pattern, page: Page, world: World, viewer: Any) -> str | None:
    if not page.fetch:
        return None
    if page.path is not None:
        return page.path
    if page.kwargs is not None:
        kwargs = page.kwargs(world, viewer)
    else:
        kwargs = {}
        for argument in pattern.arguments:
            filler = ARGUMENTS.get(argument)
            if filler is None:
                return None
            kwargs[argument] = filler(world, viewer)
    if pattern.name:
        return reverse(pattern.name, kwargs=kwargs)
    if pattern.arguments or pattern.regex:
        return None
    return "/" + pattern.route


def outcome_of(response: Any, allowed: frozenset[Outcome]) -> Outcome:
    status = response.status_code
    if 300 <= status < 400:
        location = response.get("Location", "")
        if location.startswith(reverse("account_login")) and LOGIN in allowed:
            return LOGIN
        if REDIRECT in allowed:
            return REDIRECT
        return f"{status} to {location}"
    return status


EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']\s*(?:https?:)?//([^/"'\s]+)""", re.I)


def page_problems(response: Any, url: str, quick_exit_host: str) -> list[str]:
    problems = []
    csp = response.get("Content-Security-Policy", "")
    if "frame-ancestors 'none'" not in csp or "unsafe-inline" in csp:
        problems.append(f"{url}: weak or missing CSP: {csp!r}")
    expected = {
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cache-Control": "no-store",
        "Cross-Origin-Resource-Policy": "same-origin",
    }
    for header, value in expected.items():
        if response.get(header) != value:
            problems.append(f"{url}: {header} is {response.get(header)!r}, not {value!r}")
    if "camera=()" not in response.get("Permissions-Policy", ""):
        problems.append(f"{url}: no Permissions-Policy turning the camera off")
    if response.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode()
        for host in EXTERNAL.findall(html):
            if host.lower() != quick_exit_host:
                problems.append(f"{url}: links or loads from another host: {host}")
    return problems


def fetchable(world: World, viewer: Any) -> Iterator[tuple[Pattern, Page, str]]:
    """Every listed pattern whose URL can be filled in, with its entry and that URL."""
    for pattern in all_patterns():
        if pattern.key not in ACCESS:
            continue  # reported by test_every_url_pattern_is_listed
        page = _page(ACCESS[pattern.key])
        url = url_for(pattern, page, world, viewer)
        if url is not None:
            yield pattern, page, url


# What the walk requested: (method, role) -> the pattern keys, filled in as the tests run and
# printed at the end of the module (with -s).
METHODS = ("GET", "HEAD", "POST")
WALKED: dict[tuple[str, str], set[str]] = defaultdict(set)


def coverage_report(walked: dict[tuple[str, str], set[str]]) -> str:
    """Patterns x methods x roles: how many patterns each role was walked through with each
    method, of how many listed, and how many requests that makes."""
    listed = len(all_patterns())
    reached = set().union(*walked.values()) if walked else set()
    methods = [m for m in METHODS if any((m, role) in walked for role in ROLES)]
    roles = [r for r in ROLES if any((m, r) in walked for m in METHODS)]
    requests = sum(len(keys) for keys in walked.values())
    lines = [
        f"url walker: {len(reached)} patterns x {len(methods)} methods x {len(roles)} roles "
        f"= {requests} requests ({listed} patterns listed; the rest need an object the walk "
        "does not make or are not fetched, see ACCESS)",
        f"{'method':<8}" + "".join(f"{role:>11}" for role in ROLES),
    ]
    for method in methods:
        counts = "".join(f"{len(walked.get((method, role), ())):>11}" for role in ROLES)
        lines.append(f"{method:<8}{counts}")
    return "\n".join(lines)


@pytest.fixture(scope="module", autouse=True)
def _print_the_coverage() -> Iterator[None]:
    WALKED.clear()
    yield
    if WALKED:
        print()
        print(coverage_report(WALKED))


def test_the_coverage_report_counts_patterns_methods_and_roles():
    walked = {("GET", "member"): {"home", "about"}, ("POST", "member"): {"home"}}
    report = coverage_report(walked)
    assert report.splitlines()[0].startswith(
        "url walker: 2 patterns x 2 methods x 1 roles = 3 requests"
    )
    assert report.splitlines()[2].split() == ["GET", "0", "0", "2", "0"]


def signed_in_client(viewer: Any) -> Client:
    client = Client()
    if viewer is not None:
        client.force_login(viewer)
    client.raise_request_exception = False
    return client


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_each_role_as_the_table_says(role):
    from urllib.parse import urlsplit

    from tejido.network.models import NetworkSettings

    world = build_world()
    viewer = world.users[role]
    client = signed_in_client(viewer)
    quick_exit_host = urlsplit(NetworkSettings.current().quick_exit_url).hostname or ""
    problems: list[str] = []
    fetched = 0
    for pattern, page, url in fetchable(world, viewer):
        allowed = page.access[role]
        response = client.get(url)
        fetched += 1
        WALKED["GET", role].add(pattern.key)
        got = outcome_of(response, allowed)
        if got not in allowed:
            problems.append(f"{pattern.key} ({url}) as {role}: got {got}, expected {set(allowed)}")
        if not pattern.route.startswith("api/"):
            problems.extend(page_problems(response, url, quick_exit_host))
    assert fetched, "no pattern was fetched"
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_head_answers_as_get_does_on_every_page(role):
    # RFC 9110: HEAD wherever GET works (uptime monitors and link checkers send it). HEAD goes
    # first, so a page that changes on being seen (a link shown once) is still there for GET.
    world = build_world()
    client = signed_in_client(world.users[role])
    problems = []
    for pattern, _page_entry, url in fetchable(world, world.users[role]):
        head = client.head(url)
        get = client.get(url)
        WALKED["HEAD", role].add(pattern.key)
        if head.status_code != get.status_code:
            problems.append(
                f"{pattern.key} ({url}) as {role}: HEAD {head.status_code}, GET {get.status_code}"
            )
        elif head.content:
            problems.append(f"{pattern.key} ({url}) as {role}: HEAD answered with a body")
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_pattern_answers_an_empty_post_as_the_table_says(role):
    """Each pattern and role, sent a POST with nothing in it: the form actions answer as their
    entry says (a login, the 404 page, errors or a redirect), everything else refuses the
    method. Each request runs in a transaction rolled back afterwards, and as a fresh login,
    so that no action changes what the next one meets."""
    from django.db import transaction

    world = build_world()
    viewer = world.users[role]
    problems = []
    posted = 0
    for pattern, page, url in fetchable(world, viewer):
        allowed = page.post[role]
        with transaction.atomic():
            response = signed_in_client(viewer).post(url)
            transaction.set_rollback(True)
        posted += 1
        WALKED["POST", role].add(pattern.key)
        got = outcome_of(response, allowed)
        if got not in allowed:
            problems.append(f"{pattern.key} ({url}) as {role}: got {got}, expected {set(allowed)}")
    assert posted, "no pattern was posted to"
    assert not problems, "\n".join(problems)
