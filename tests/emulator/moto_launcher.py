"""Runs moto's server on 127.0.0.1 for shapegen's emulator tests (tests/emulator).

It binds an ephemeral port, prints `listening 127.0.0.1:PORT` on standard output, and serves
until its standard input reaches end of file. The test process holds the only write end of
that pipe, so the server stops whenever the test process ends, however it ends (a panic, an
abort, a kill): no moto process outlives the tests that started it.
"""

import logging
import os
import sys

from moto.server import ThreadedMotoServer


def main() -> None:
    # One line per request on stderr would drown the test output; errors still show.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    # moto builds URLs it returns (an SQS queue URL, for one) from MOTO_PORT.
    os.environ["MOTO_PORT"] = str(port)
    print(f"listening {host}:{port}", flush=True)
    sys.stdin.buffer.read()
    # Exit at once: requests still in flight belong to a test process that is gone.
    os._exit(0)


if __name__ == "__main__":
    main()
