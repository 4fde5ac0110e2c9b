"""The plain Flask routes of /lamna-in: hand in a file, poll, publish, cancel, the annotated copy and the template.

Every route needs a log-in (accounts/web.py) and checks here, on the server, that the user may submit for the
municipality and committee concerned (`accounts.access.may_submit`; a refusal is a logged 403). Routes that change
something need the session's anti-forgery token in the `X-CSRF-Token` header. Answers are JSON with a Swedish
`message`, or a file.
"""

import json
import tempfile
from pathlib import Path
from urllib.parse import unquote

from flask import Flask, Response, g, jsonify, request, send_file
from werkzeug.exceptions import NotFound

from accounts import access, audit, hardening, web
from data import meta, settings
from intake import jobs

UPLOAD_PATH = "/lamna-in/fil"
DRAIN_FACTOR = 2  # an oversize body is read (and dropped) up to this many times the limit, so the client gets the 413
TEMPLATE_NAME = "rapportmall-{municipality}-{committee}.xlsx"


def _deny_unless_submitter(municipality: str, committee: str) -> None:
    if not municipality or not committee or not access.may_submit(g.user, municipality, committee):
        raise access.deny(f"inlämning för {municipality or '?'} {committee or '?'}")


def _drain(length: int) -> None:
    """Read what the client sends of an oversize body (bounded), so it reads the answer instead of a reset."""
    left = min(length, settings.max_upload_bytes() * DRAIN_FACTOR)
    stream = request.environ["wsgi.input"]
    while left > 0 and (chunk := stream.read(min(jobs.CHUNK, left))):
        left -= len(chunk)


def hand_in() -> Response:
    """POST the raw workbook (?kommun=&namnd=, X-File-Name): 202 with the job, 413 over the limit, 403, 400."""
    web.check_csrf(request.headers.get("X-CSRF-Token"))
    municipality, committee = request.args.get("kommun", ""), request.args.get("namnd", "")
    _deny_unless_submitter(municipality, committee)
    file_name = jobs.safe_name(unquote(request.headers.get("X-File-Name", "")))
    length = request.content_length
    try:
        if length is not None and length > settings.max_upload_bytes():
            _drain(length)
        job = jobs.receive(request.stream, length, file_name, g.user, municipality, committee)
    except jobs.TooLarge as exc:
        audit.record("upload", target=file_name, detail=f"för stor ({length or 'okänd'} byte), kommun {municipality}")
        return Response(
            json.dumps({"status": "too_large", "file_name": file_name, "message": exc.message}),
            status=413,
            mimetype="application/json",
            headers={"Connection": "close"},
        )
    audit.record("upload", target=file_name, detail=f"kommun {municipality} nämnd {committee}, {length} byte")
    jobs.start(jobs.preview, job, g.user)
    return jsonify({"job": job.job_id, "file_name": file_name, "status": "reading"}), 202


def _own_job(job_id: str) -> jobs.Job:
    job = jobs.find(job_id, g.user)
    if job is None:
        raise NotFound("Inlämningen finns inte (den kan ha avbrutits eller tagits bort).")
    return job


def job_state(job_id: str) -> Response:
    """GET the job's state as JSON."""
    return jsonify(jobs.state(_own_job(job_id)))


def publish(job_id: str) -> Response:
    """POST: publish a previewed file (202; poll the state for the receipt)."""
    web.check_csrf(request.headers.get("X-CSRF-Token"))
    job = _own_job(job_id)
    return jsonify(start_publish(job)), 202


def start_publish(job: jobs.Job) -> dict:
    """Publish a job in the background if it is a preview the user may still publish; the state it is in."""
    state = jobs.state(job)
    _deny_unless_submitter(state["municipality"], state["committee"])
    if state["status"] != "preview":
        return state
    state = job.write(status="publishing", message=None)
    jobs.start(jobs.publish, job, g.user, request.remote_addr or "")
    return state


def cancel(job_id: str) -> Response:
    """POST: drop a handed-in file."""
    web.check_csrf(request.headers.get("X-CSRF-Token"))
    jobs.cancel(_own_job(job_id))
    return jsonify({"status": "cancelled"})


def annotated(job_id: str) -> Response:
    """GET the copy of the workbook with the problems marked."""
    job = _own_job(job_id)
    if not job.annotated.exists():
        raise NotFound("Det finns ingen granskad kopia av filen.")
    name = Path(job.read()["file_name"]).stem + "-granskad.xlsx"
    return send_file(job.annotated, as_attachment=True, download_name=name)


def template() -> Response:
    """GET the reporting template with the user's municipality and committee filled in (?kommun=&namnd=)."""
    municipality, committee = request.args.get("kommun", ""), request.args.get("namnd", "")
    _deny_unless_submitter(municipality, committee)
    names = dict(meta.municipalities())
    about = {
        "municipality_code": municipality,
        "municipality": names.get(municipality, ""),
        "committee": meta.committee_names(municipality).get(committee, committee),
    }
    from etl.template import write_template  # openpyxl and numpy stay out of a worker until a template is asked for

    with tempfile.TemporaryDirectory() as folder:
        path = write_template(Path(folder) / "mall.xlsx", about)
        data = path.read_bytes()
    name = TEMPLATE_NAME.format(municipality=municipality, committee=committee)
    return Response(
        data,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def install(server: Flask) -> None:
    """Register the routes; the upload path gets the upload body limit."""
    hardening.LARGE_BODY_PATHS.add(UPLOAD_PATH)
    server.add_url_rule(UPLOAD_PATH, "lamna_in_file", hand_in, methods=["POST"])
    server.add_url_rule("/lamna-in/jobb/<job_id>", "lamna_in_state", job_state, methods=["GET"])
    server.add_url_rule("/lamna-in/jobb/<job_id>/publicera", "lamna_in_publish", publish, methods=["POST"])
    server.add_url_rule("/lamna-in/jobb/<job_id>/avbryt", "lamna_in_cancel", cancel, methods=["POST"])
    server.add_url_rule("/lamna-in/jobb/<job_id>/granskad.xlsx", "lamna_in_annotated", annotated, methods=["GET"])
    server.add_url_rule("/lamna-in/mall", "lamna_in_template", template, methods=["GET"])
