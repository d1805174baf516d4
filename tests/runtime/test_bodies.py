"""Request bodies other than JSON, checked byte for byte on a loopback server: Stripe's
form-encoded customer update, OpenAI's multipart file upload, AssemblyAI's octet-stream upload
(from bytes and from a file), and the same kinds declared in our own spec format."""

from __future__ import annotations

import importlib
import io
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from ._support import TOKEN, SleepRecorder, close, json_response, resolve

pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("media_packages")]

CUSTOMER = {"id": "cus_123", "object": "customer"}


def package(name: str) -> ModuleType:
    return importlib.import_module(f"{name}_client")


def client(name: str, server: HTTPServer, flavour: str) -> Any:
    module = package(name)
    prefix = {"stripe": "Stripe", "openai": "Openai", "assemblyai": "Assemblyai", "mediashop": "Mediashop",
              "okfiles": "Okfiles"}[name]
    cls = getattr(module, f"{'Async' if flavour == 'async' else ''}{prefix}Client")
    return cls(api_key=TOKEN, base_url=server.url_for("/"))


def sent(server: HTTPServer) -> Request:
    (request, _), *_ = server.log
    return request


def multipart_parts(request: Request) -> bytes:
    """The body with its boundary replaced by ``BOUNDARY``."""
    content_type = request.headers["Content-Type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    boundary = content_type.split("boundary=", 1)[1]
    return request.get_data().replace(boundary.encode(), b"BOUNDARY")


# -- application/x-www-form-urlencoded -------------------------------------------------------


async def test_stripe_form_body_uses_brackets_for_nested_objects_and_arrays(
    httpserver: HTTPServer, flavour: str
) -> None:
    models = package("stripe").models
    httpserver.expect_request("/v1/customers/cus_123", method="POST").respond_with_response(json_response(CUSTOMER))
    api = client("stripe", httpserver, flavour)

    customer = await resolve(
        api.customers.update(
            "cus_123",
            address={"line1": "1 Main St", "city": "Paris", "state": None},
            balance=-500,
            description=None,
            expand=["default_source", "invoice_settings.default_payment_method"],
            invoice_settings=models.PostCustomersCustomerBodyInvoiceSettings(
                custom_fields=[{"name": "VAT", "value": "FR 123"}], footer="Merci & à bientôt"
            ),
            metadata={"order_id": "6735"},
            preferred_locales=["fr-FR", "en"],
            shipping="",  # Stripe: an empty string clears the field
            tax_exempt=models.PostCustomersCustomerBodyTaxExempt.REVERSE,
            trial_end="now",
        )
    )
    await close(api)

    assert customer.id == "cus_123"
    request = sent(httpserver)
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    body = request.get_data()
    # What Stripe's own documentation sends with curl -d, in the document's field order.
    assert parse_qsl(body.decode(), keep_blank_values=True) == [
        ("address[line1]", "1 Main St"),
        ("address[city]", "Paris"),
        ("balance", "-500"),
        ("expand[]", "default_source"),
        ("expand[]", "invoice_settings.default_payment_method"),
        ("invoice_settings[custom_fields][0][name]", "VAT"),
        ("invoice_settings[custom_fields][0][value]", "FR 123"),
        ("invoice_settings[footer]", "Merci & à bientôt"),
        ("metadata[order_id]", "6735"),
        ("preferred_locales[]", "fr-FR"),
        ("preferred_locales[]", "en"),
        ("shipping", ""),
        ("tax_exempt", "reverse"),
        ("trial_end", "now"),
    ]
    assert body == (
        b"address%5Bline1%5D=1+Main+St&address%5Bcity%5D=Paris&balance=-500"
        b"&expand%5B%5D=default_source&expand%5B%5D=invoice_settings.default_payment_method"
        b"&invoice_settings%5Bcustom_fields%5D%5B0%5D%5Bname%5D=VAT"
        b"&invoice_settings%5Bcustom_fields%5D%5B0%5D%5Bvalue%5D=FR+123"
        b"&invoice_settings%5Bfooter%5D=Merci+%26+%C3%A0+bient%C3%B4t"
        b"&metadata%5Border_id%5D=6735&preferred_locales%5B%5D=fr-FR&preferred_locales%5B%5D=en"
        b"&shipping=&tax_exempt=reverse&trial_end=now"
    )
    assert request.headers["Content-Length"] == str(len(body))


async def test_stripe_get_with_an_empty_form_body_sends_no_body(httpserver: HTTPServer, flavour: str) -> None:
    httpserver.expect_request("/v1/customers/cus_123", method="GET").respond_with_response(json_response(CUSTOMER))
    api = client("stripe", httpserver, flavour)
    await resolve(api.customers.get("cus_123"))
    await close(api)
    request = sent(httpserver)
    assert request.get_data() == b""
    assert "Content-Type" not in request.headers


async def test_form_body_writes_booleans_and_every_style_and_leaves_out_none(
    httpserver: HTTPServer, flavour: str
) -> None:
    models = package("mediashop").models
    httpserver.expect_request("/v1/payment_intents", method="POST").respond_with_response(
        json_response({"id": "pi_1", "amount": 2000})
    )
    api = client("mediashop", httpserver, flavour)
    shipping = models.CreatePaymentIntentBodyShipping(
        name="Jenny Rosen", address=models.CreatePaymentIntentBodyShippingAddress(line1="1 Main St")
    )
    await resolve(
        api.payment_intents.create(
            amount=2000,
            currency="eur",
            confirm=True,
            description=None,
            metadata={"order": "6735"},
            payment_method_types=["card", "sepa_debit"],
            shipping=shipping,
            statement_tags=["spring", "sale"],
            tax_ids=["FR1", "DE2"],
        )
    )
    await close(api)
    body = sent(httpserver).get_data()
    assert body == (
        b"amount=2000&currency=eur&confirm=true&metadata%5Border%5D=6735"
        b"&payment_method_types%5B%5D=card&payment_method_types%5B%5D=sepa_debit"
        b"&shipping%5Bname%5D=Jenny+Rosen&shipping%5Baddress%5D%5Bline1%5D=1+Main+St"
        b"&statement_tags=spring%2Csale&tax_ids=FR1%7CDE2"
    )


# -- multipart/form-data -----------------------------------------------------------------------


async def test_openai_file_upload_sends_a_file_part_a_text_part_and_a_json_part(
    httpserver: HTTPServer, flavour: str
) -> None:
    models = package("openai").models
    httpserver.expect_request("/files", method="POST").respond_with_response(
        json_response({"id": "file-abc123", "object": "file", "bytes": 8, "created_at": 1677610602,
                       "filename": "mydata.jsonl", "purpose": "fine-tune", "status": "uploaded"})
    )
    api = client("openai", httpserver, flavour)
    uploaded = await resolve(
        api.files.create(
            file=("mydata.jsonl", b'{"a":1}\n', "application/jsonl"),
            purpose="fine-tune",
            expires_after=models.FileExpirationAfter(anchor="created_at", seconds=2592000),
        )
    )
    await close(api)
    assert uploaded.id == "file-abc123"
    request = sent(httpserver)
    assert multipart_parts(request) == (
        b'--BOUNDARY\r\nContent-Disposition: form-data; name="file"; filename="mydata.jsonl"\r\n'
        b"Content-Type: application/jsonl\r\n\r\n"
        b'{"a":1}\n\r\n'
        b'--BOUNDARY\r\nContent-Disposition: form-data; name="purpose"\r\n\r\n'
        b"fine-tune\r\n"
        b'--BOUNDARY\r\nContent-Disposition: form-data; name="expires_after"\r\n'
        b"Content-Type: application/json\r\n\r\n"
        b'{"anchor":"created_at","seconds":2592000}\r\n'
        b"--BOUNDARY--\r\n"
    )
    assert request.headers["Content-Length"] == str(len(request.get_data()))


async def test_a_file_object_part_is_named_after_the_file_and_typed_from_its_name(
    httpserver: HTTPServer, flavour: str, tmp_path: Path
) -> None:
    photo = tmp_path / "receipt.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n-pixels-")
    httpserver.expect_request("/files", method="POST").respond_with_response(
        json_response({"id": "f", "object": "file", "bytes": 1, "created_at": 1, "filename": "receipt.png",
                       "purpose": "vision", "status": "uploaded"})
    )
    api = client("openai", httpserver, flavour)
    with photo.open("rb") as handle:
        await resolve(api.files.create(file=handle, purpose="vision"))
    await close(api)
    assert multipart_parts(sent(httpserver)) == (
        b'--BOUNDARY\r\nContent-Disposition: form-data; name="file"; filename="receipt.png"\r\n'
        b"Content-Type: image/png\r\n\r\n"
        b"\x89PNG\r\n\x1a\n-pixels-\r\n"
        b'--BOUNDARY\r\nContent-Disposition: form-data; name="purpose"\r\n\r\n'
        b"vision\r\n"
        b"--BOUNDARY--\r\n"
    )


async def test_multipart_declared_content_types_lists_and_bracketed_fields(
    httpserver: HTTPServer, flavour: str
) -> None:
    models = package("mediashop").models
    httpserver.expect_request("/v1/files", method="POST").respond_with_response(json_response({"id": "file_1"}))
    api = client("mediashop", httpserver, flavour)
    await resolve(
        api.files.upload(
            file=b"\x89PNG-bytes",  # bytes: named "upload", typed as the document says
            purpose="dispute_evidence",
            file_link_data=models.UploadFileBodyFileLinkData(create=True, expires_at=None),
            attachments=[("a.txt", b"first"), ("b.bin", io.BytesIO(b"second"), "application/x-custom")],
            labels=["urgent", "q3"],
        )
    )
    await close(api)
    assert multipart_parts(sent(httpserver)) == (
        b'--BOUNDARY\r\nContent-Disposition: form-data; name="file"; filename="upload"\r\n'
        b"Content-Type: image/png\r\n\r\n\x89PNG-bytes\r\n"
        b'--BOUNDARY\r\nContent-Disposition: form-data; name="purpose"\r\n\r\ndispute_evidence\r\n'
        b'--BOUNDARY\r\nContent-Disposition: form-data; name="file_link_data[create]"\r\n\r\ntrue\r\n'
        b'--BOUNDARY\r\nContent-Disposition: form-data; name="attachments"; filename="a.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\nfirst\r\n"
        b'--BOUNDARY\r\nContent-Disposition: form-data; name="attachments"; filename="b.bin"\r\n'
        b"Content-Type: application/x-custom\r\n\r\nsecond\r\n"
        b'--BOUNDARY\r\nContent-Disposition: form-data; name="labels"\r\n\r\nurgent\r\n'
        b'--BOUNDARY\r\nContent-Disposition: form-data; name="labels"\r\n\r\nq3\r\n'
        b"--BOUNDARY--\r\n"
    )


# -- application/octet-stream and text -------------------------------------------------------

UPLOADED = {"upload_url": "https://cdn.assemblyai.com/upload/abc"}


async def test_assemblyai_upload_sends_bytes_as_they_are(httpserver: HTTPServer, flavour: str) -> None:
    audio = bytes(range(256)) * 4
    httpserver.expect_request("/v2/upload", method="POST").respond_with_response(json_response(UPLOADED))
    api = client("assemblyai", httpserver, flavour)
    result = await resolve(api.transcript.upload_file(body=audio))
    await close(api)
    assert result.upload_url == UPLOADED["upload_url"]
    request = sent(httpserver)
    assert request.get_data() == audio
    assert request.headers["Content-Type"] == "application/octet-stream"
    assert request.headers["Content-Length"] == "1024"
    assert request.headers["Authorization"] == TOKEN  # AssemblyAI's apiKey in Authorization


async def test_assemblyai_upload_streams_a_file_from_where_it_stands(
    httpserver: HTTPServer, flavour: str, tmp_path: Path
) -> None:
    recording = tmp_path / "call.wav"
    recording.write_bytes(b"RIFF" + bytes(200_000) + b"END")
    httpserver.expect_request("/v2/upload", method="POST").respond_with_response(json_response(UPLOADED))
    api = client("assemblyai", httpserver, flavour)
    with recording.open("rb") as handle:
        handle.seek(4)  # the caller skips the header: the upload starts there
        await resolve(api.transcript.upload_file(body=handle))
    await close(api)
    request = sent(httpserver)
    assert request.get_data() == bytes(200_000) + b"END"
    assert request.headers["Content-Length"] == "200003"
    assert request.headers["Content-Type"] == "application/octet-stream"


async def test_a_redirected_upload_sends_the_whole_file_again(
    httpserver: HTTPServer, flavour: str, tmp_path: Path
) -> None:
    recording = tmp_path / "call.wav"
    recording.write_bytes(b"0123456789" * 10_000)
    httpserver.expect_ordered_request("/v2/upload", method="POST").respond_with_response(
        Response(status=307, headers={"Location": "/v2/upload-eu"})
    )
    httpserver.expect_ordered_request("/v2/upload-eu", method="POST").respond_with_response(json_response(UPLOADED))
    api = client("assemblyai", httpserver, flavour)
    with recording.open("rb") as handle:
        await resolve(api.transcript.upload_file(body=handle))
    await close(api)
    (first, _), (second, _) = httpserver.log
    assert first.get_data() == second.get_data() == recording.read_bytes()
    assert second.headers["Content-Length"] == "100000"


async def test_a_pipe_that_cannot_rewind_is_sent_chunked(httpserver: HTTPServer, flavour: str) -> None:
    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            chunk = self._data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    httpserver.expect_request("/v2/upload", method="POST").respond_with_response(json_response(UPLOADED))
    api = client("assemblyai", httpserver, flavour)
    await resolve(api.transcript.upload_file(body=io.BufferedReader(Pipe(b"x" * 70_000))))
    await close(api)
    request = sent(httpserver)
    assert request.headers["Transfer-Encoding"] == "chunked"
    assert request.get_data() == b"x" * 70_000


async def test_octet_stream_upload_from_our_spec_format(httpserver: HTTPServer, flavour: str) -> None:
    httpserver.expect_request("/v1/files/file_1/contents", method="PUT").respond_with_data(status=204)
    api = client("mediashop", httpserver, flavour)
    assert await resolve(api.files.put_contents("file_1", body=b"%PDF-1.7")) is None
    await close(api)
    request = sent(httpserver)
    assert (request.get_data(), request.headers["Content-Type"]) == (b"%PDF-1.7", "application/octet-stream")


async def test_text_body_is_sent_in_utf8_and_says_so(httpserver: HTTPServer, flavour: str) -> None:
    httpserver.expect_request("/v1/prices/import", method="POST").respond_with_data(
        "2 prices imported ✓", content_type="text/plain; charset=utf-8"
    )
    api = client("mediashop", httpserver, flavour)
    reply = await resolve(api.prices.import_csv(body="sku,price\ncafé,3.50\n"))
    await close(api)
    assert reply == "2 prices imported ✓"
    request = sent(httpserver)
    assert request.get_data() == "sku,price\ncafé,3.50\n".encode()
    assert request.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert request.headers["Accept"] == "text/plain; charset=utf-8"


async def test_extra_headers_may_name_another_content_type_for_an_upload(
    httpserver: HTTPServer, flavour: str
) -> None:
    httpserver.expect_request("/v2/upload", method="POST").respond_with_response(json_response(UPLOADED))
    api = client("assemblyai", httpserver, flavour)
    await resolve(api.transcript.upload_file(body=b"ID3", extra_headers={"Content-Type": "audio/mpeg"}))
    await close(api)
    assert sent(httpserver).headers["Content-Type"] == "audio/mpeg"


async def test_a_json_body_of_a_vendor_media_type_is_sent_with_it(httpserver: HTTPServer, flavour: str) -> None:
    httpserver.expect_request("/v1/prices/price_1", method="PATCH").respond_with_response(json_response({"id": "price_1"}))
    api = client("mediashop", httpserver, flavour)
    await resolve(api.prices.update("price_1", nickname="Spring", unit_amount=350))
    await close(api)
    request = sent(httpserver)
    assert request.headers["Content-Type"] == "application/merge-patch+json"
    assert request.get_data() == b'{"nickname":"Spring","unit_amount":350}'


async def test_a_retried_upload_sends_the_file_again_from_its_start(
    httpserver: HTTPServer, flavour: str, tmp_path: Path
) -> None:
    document = tmp_path / "contract.pdf"
    document.write_bytes(b"%PDF-1.7 " + b"x" * 50_000)
    httpserver.expect_ordered_request("/v1/files/file_1/contents", method="PUT").respond_with_data(status=503)
    httpserver.expect_ordered_request("/v1/files/file_1/contents", method="PUT").respond_with_data(status=204)
    api = client("mediashop", httpserver, flavour)
    sleeps = SleepRecorder().install(api)
    with document.open("rb") as handle:
        await resolve(api.files.put_contents("file_1", body=handle))
    await close(api)
    assert len(sleeps.delays) == 1
    assert [request.get_data() for request, _ in httpserver.log] == [document.read_bytes()] * 2


async def test_a_file_opened_as_text_is_refused_before_anything_is_sent(
    httpserver: HTTPServer, flavour: str, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    api = client("assemblyai", httpserver, flavour)
    with notes.open("r", encoding="utf-8") as handle, pytest.raises(TypeError, match=r"binary mode \('rb'\)"):
        await resolve(api.transcript.upload_file(body=handle))
    await close(api)
    assert httpserver.log == []


async def test_extra_body_is_refused_for_a_body_that_is_not_a_json_object(
    httpserver: HTTPServer, flavour: str
) -> None:
    # extra_body merges into a JSON object; a form, a file or text has none to merge into.
    api = client("mediashop", httpserver, flavour)
    with pytest.raises(ValueError, match=r"extra_body: .* does not send a JSON object"):
        await resolve(api.files.put_contents("file_1", body=b"%PDF-1.7", extra_body={"x": 1}))
    await close(api)
    assert httpserver.log == []
