"""A real SMTP server on loopback for vigie's alert tests (Debian's python3-aiosmtpd).

STARTTLS required, AUTH (PLAIN/LOGIN) required after it, with one user. Every message it accepts
is written to OUTDIR as NNN.eml: the envelope and the session's TLS and AUTH facts as X-Test-*
headers, then the message exactly as received. Prints "READY" once listening; stops when its
standard input closes (the test ends).

usage: smtp_server.py PORT CERT KEY OUTDIR USER PASSWORD
"""
import os
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

port, cert, key, outdir, user, password = sys.argv[1:7]
count = 0


class Handler:
    async def handle_DATA(self, server, session, envelope):
        global count
        count += 1
        path = os.path.join(outdir, "%03d.eml" % count)
        head = (
            "X-Test-Mail-From: %s\r\nX-Test-Rcpt-To: %s\r\nX-Test-TLS: %s\r\nX-Test-Auth: %s\r\n"
            % (
                envelope.mail_from,
                ", ".join(envelope.rcpt_tos),
                "yes" if session.ssl is not None else "no",
                session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else "no",
            )
        )
        with open(path + ".part", "wb") as f:
            f.write(head.encode())
            f.write(envelope.original_content)
        os.rename(path + ".part", path)
        return "250 OK"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login.decode() == user
        and auth_data.password.decode() == password
    )
    return AuthResult(success=ok, handled=False, auth_data=auth_data)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
controller = Controller(
    Handler(),
    hostname="127.0.0.1",
    port=int(port),
    tls_context=context,
    require_starttls=True,
    auth_required=True,
    auth_require_tls=True,
    authenticator=authenticate,
)
controller.start()
print("READY", flush=True)
sys.stdin.read()
controller.stop()
