"""The Dask LocalCluster is this process's alone: loopback only, mutual TLS, no web pages served."""

from __future__ import annotations

import http.client
from urllib.parse import urljoin

import psutil
import pytest
from distributed import Client
from distributed.security import Security

from extract.documents.loaders import Document
from extract.workspace.batch import DaskEngine


@pytest.fixture(scope="module")
def engine():
    engine = DaskEngine(1)  # worker processes, as `--engine dask` starts them
    yield engine
    engine.close()


def _listening(process: psutil.Process) -> list[tuple[str, int]]:
    return [(c.laddr.ip, c.laddr.port) for p in (process, *process.children(recursive=True))
            for c in p.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN]


def _get(connection: http.client.HTTPConnection, path: str) -> tuple[int, str]:
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    return response.status, response.getheader("Location", "")


def _clients(engine: DaskEngine) -> list[str]:
    """The clients the scheduler knows (its own bookkeeping, asked by the run's own client)."""
    return sorted(engine._client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.clients)))


@pytest.mark.parametrize("security", [None, "another run's certificate"], ids=["no credentials", "wrong ones"])
def test_a_client_without_the_run_s_credentials_is_refused(engine, security):
    assert engine.address.startswith("tls://127.0.0.1:")
    before = _clients(engine)
    # No TLS at all, or TLS with a certificate the cluster's own authority did not sign: distributed
    # raises (TypeError, ssl or comm errors, a timeout) and the scheduler never sees the client.
    with pytest.raises(Exception):  # noqa: B017 - any way of failing to connect is a refusal
        Client(engine.address, timeout="5s", security=Security.temporary() if security else None)
    assert _clients(engine) == before


def test_plain_tcp_to_the_scheduler_is_refused(engine):
    before = _clients(engine)
    with pytest.raises(OSError):
        Client(engine.address.replace("tls://", "tcp://"), timeout="5s")
    assert _clients(engine) == before


def test_the_run_itself_still_extracts(engine):
    document = Document(doc_id="d1", text="Exports fell 4% to $2bn in May, the ministry said.")
    [(batch, [rows])] = list(engine.map_batches([[document]]))
    assert batch == [document] and [row["surface"] for row in rows] == ["4%", "$2bn"]


def test_everything_listens_on_loopback_and_serves_no_page(engine):
    listening = _listening(psutil.Process())
    assert listening and {ip for ip, _ in listening} == {"127.0.0.1"}
    assert 8787 not in {port for _, port in listening}  # (another user's process may hold it: not asked)
    served = []
    for _, port in listening:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            for path in ("/", "/info/main/workers.html", "/json/identity.json", "/health", "/metrics",
                         "/proxy/8786/127.0.0.1/status"):
                status, location = _get(connection, path)
                if status in (301, 302):  # "/" points on to where a dashboard would be ("status")
                    status, location = _get(connection, urljoin(path, location))
                if status != 404:
                    served.append((port, path, status))
        except (OSError, http.client.HTTPException):
            pass  # a TLS comm port hangs up on plain HTTP: nothing served there either
        finally:
            connection.close()
    assert served == []
