"""Organiser area: the network's settings, its areas, the questions applicants answer, the code
of conduct and the audit log."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tejido.audit.selectors import list_audit_entries
from tejido.core.errors import DomainError
from tejido.membership.network_services import (
    add_area,
    add_question,
    delete_area,
    edit_question,
    move_area,
    move_question,
    rename_area,
    set_question_active,
    update_network_settings,
)
from tejido.membership.selectors import (
    current_conduct,
    get_question,
    list_questions,
)
from tejido.membership.services import publish_conduct
from tejido.network.selectors import get_area, get_network_settings, list_areas
from tejido.web.forms.errors import add_domain_error
from tejido.web.forms.organise import AreaForm, ConductForm, NetworkSettingsForm, QuestionForm
from tejido.web.views.organise_common import done, organisers_only, page_number

# Settings -----------------------------------------------------------------------------------


@organisers_only
@require_http_methods(["GET", "HEAD", "POST"])
def network_settings(request: HttpRequest) -> HttpResponse:
    network = get_network_settings(viewer=request.user)
    form = NetworkSettingsForm(request.POST or None, instance=network)
    if request.method == "POST" and form.is_valid():
        try:
            update_network_settings(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return done(request, _("The network settings were saved."), "organise_settings")
    return render(
        request, "organise/settings.html", {"form": form}, status=400 if form.errors else 200
    )


# Areas --------------------------------------------------------------------------------------


def _areas_page(request: HttpRequest, form: AreaForm | None = None) -> HttpResponse:
    return render(
        request,
        "organise/areas.html",
        {"areas": list(list_areas(viewer=request.user)), "form": form or AreaForm()},
        status=400 if form is not None and form.errors else 200,
    )


@organisers_only
@require_http_methods(["GET", "HEAD", "POST"])
def areas(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _areas_page(request)
    form = AreaForm(request.POST)
    if form.is_valid():
        try:
            add_area(actor=request.user, name=form.cleaned_data["name"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return done(request, _("The area was added."), "organise_areas")
    return _areas_page(request, form)


@organisers_only
@require_POST
def area_rename(request: HttpRequest, area_id: int) -> HttpResponse:
    area = get_area(viewer=request.user, area_id=area_id)
    # The service checks the name; a bad one comes back to the list with the error.
    rename_area(actor=request.user, area=area, name=request.POST.get("name", ""))
    return done(request, _("The area was renamed."), "organise_areas")


@organisers_only
@require_POST
def area_move(request: HttpRequest, area_id: int) -> HttpResponse:
    area = get_area(viewer=request.user, area_id=area_id)
    move_area(actor=request.user, area=area, direction=request.POST.get("direction", ""))
    return done(request, _("The order of the areas was saved."), "organise_areas")


@organisers_only
@require_POST
def area_delete(request: HttpRequest, area_id: int) -> HttpResponse:
    area = get_area(viewer=request.user, area_id=area_id)
    delete_area(actor=request.user, area=area)
    return done(request, _("The area was deleted."), "organise_areas")


# Application questions ----------------------------------------------------------------------


@organisers_only
@require_http_methods(["GET", "HEAD", "POST"])
def questions(request: HttpRequest) -> HttpResponse:
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            add_question(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return done(request, _("The question was added."), "organise_questions")
    return render(
        request,
        "organise/questions.html",
        {
            "questions": list(list_questions(viewer=request.user, include_inactive=True)),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@organisers_only
@require_http_methods(["GET", "HEAD", "POST"])
def question_edit(request: HttpRequest, question_id: int) -> HttpResponse:
    question = get_question(viewer=request.user, question_id=question_id)
    initial = {
        "text_es": question.text_es,
        "text_en": question.text_en,
        "help_es": question.help_es,
        "help_en": question.help_en,
        "required": question.required,
    }
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            edit_question(actor=request.user, question=question, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return done(request, _("The question was saved."), "organise_questions")
    return render(
        request,
        "organise/question_edit.html",
        {"question": question, "form": form},
        status=400 if form.errors else 200,
    )


@organisers_only
@require_POST
def question_move(request: HttpRequest, question_id: int) -> HttpResponse:
    question = get_question(viewer=request.user, question_id=question_id)
    move_question(
        actor=request.user, question=question, direction=request.POST.get("direction", "")
    )
    return done(request, _("The order of the questions was saved."), "organise_questions")


@organisers_only
@require_POST
def question_active(request: HttpRequest, question_id: int) -> HttpResponse:
    question = get_question(viewer=request.user, question_id=question_id)
    active = request.POST.get("active") == "1"
    set_question_active(actor=request.user, question=question, active=active)
    text = _("The question is asked again.") if active else _("The question is no longer asked.")
    return done(request, text, "organise_questions")


# Code of conduct ----------------------------------------------------------------------------


@organisers_only
@require_http_methods(["GET", "HEAD", "POST"])
def conduct(request: HttpRequest) -> HttpResponse:
    code = current_conduct()
    initial = {"text_es": code.text_es, "text_en": code.text_en} if code else None
    form = ConductForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            publish_conduct(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return done(
                request,
                _(
                    "The new code of conduct was published. "
                    "Every member will be asked to accept it."
                ),
                "organise_conduct",
            )
    return render(
        request,
        "organise/conduct.html",
        {"code": code, "form": form},
        status=400 if form.errors else 200,
    )


# Audit log ----------------------------------------------------------------------------------


@organisers_only
@require_safe
def audit(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "organise/audit.html",
        {"page": list_audit_entries(viewer=request.user, page=page_number(request))},
    )


urlpatterns = [
    path("organise/settings/", network_settings, name="organise_settings"),
    path("organise/areas/", areas, name="organise_areas"),
    path("organise/areas/<int:area_id>/rename/", area_rename, name="organise_area_rename"),
    path("organise/areas/<int:area_id>/move/", area_move, name="organise_area_move"),
    path("organise/areas/<int:area_id>/delete/", area_delete, name="organise_area_delete"),
    path("organise/questions/", questions, name="organise_questions"),
    path("organise/questions/<int:question_id>/", question_edit, name="organise_question_edit"),
    path(
        "organise/questions/<int:question_id>/move/",
        question_move,
        name="organise_question_move",
    ),
    path(
        "organise/questions/<int:question_id>/active/",
        question_active,
        name="organise_question_active",
    ),
    path("organise/conduct/", conduct, name="organise_conduct"),
    path("organise/audit/", audit, name="organise_audit"),
]
