"""reports.charts.abandon_kaleido_server() relies on kaleido's private state: this fails when kaleido changes it."""

import kaleido
from kaleido._sync_server import GlobalKaleidoServer

from reports import charts


def test_abandoning_marks_kaleido_s_server_stopped_so_its_exit_handler_returns_at_once():
    server = kaleido._global_server
    assert isinstance(server, GlobalKaleidoServer)
    was = server._initialized
    try:
        server._initialized = True  # as if started, without starting Chromium
        assert server.is_running()
        charts.abandon_kaleido_server()
        assert not server.is_running()
        kaleido.stop_sync_server(silence_warnings=True)  # kaleido's exit handler: nothing left to join
    finally:
        server._initialized = was
