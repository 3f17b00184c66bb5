#!/usr/bin/env python3
"""An XMPP client that is not Smack, for the XMPP bridge's tests (Debian's python3-slixmpp).

Logs in over c2s with STARTTLS, trusting only the certificate given, then either sends one chat
message or waits for one. It prints READY once its session has started, RECEIVED <bare jid> <body>
for a message it got (and JSON <text> for a XEP-0335 container in it), SENT after sending; it exits 0 when done, 2 when --timeout passes first.

  chat.py --jid alice@localhost --password alicepw --port 5222 --ca cert.pem send bob@localhost hello
  chat.py --jid bob@localhost --password bobpw --port 5222 --ca cert.pem receive
  chat.py --jid bob@localhost --password bobpw --port 5222 --ca cert.pem online --show away --status lunch
  chat.py --jid carol@localhost --password carolpw --port 5222 --ca cert.pem follow alice@localhost

'online' stays logged in (until --timeout, then exits 0) with that presence, approving every
subscription request and asking back (slixmpp's defaults). 'follow' asks to follow a contact's
presence and prints ANSWER subscribed or ANSWER unsubscribed when the answer comes.
"""
import argparse
import asyncio
import sys

import slixmpp


class ChatClient(slixmpp.ClientXMPP):
    def __init__(self, args):
        super().__init__(args.jid, args.password)
        self.args = args
        self.ca_certs = args.ca
        self.add_event_handler("session_start", self.started)
        self.add_event_handler("message", self.message)
        self.add_event_handler("presence_subscribed", lambda p: self.answered("subscribed", p))
        self.add_event_handler("presence_unsubscribed", lambda p: self.answered("unsubscribed", p))

    async def started(self, _event):
        if self.args.action == "online":
            self.send_presence(pshow=self.args.show, pstatus=self.args.status)
        else:
            self.send_presence()
        await self.get_roster()
        print("READY", flush=True)
        if self.args.action == "follow":
            self.send_presence_subscription(pto=self.args.contact)
        if self.args.action == "send":
            self.send_message(mto=self.args.to, mbody=self.args.body, mtype="chat")
            print("SENT", flush=True)
            self.disconnect(wait=2.0)

    def answered(self, answer, presence):
        if self.args.action == "follow" and presence["from"].bare == self.args.contact:
            print("ANSWER %s" % answer, flush=True)
            self.disconnect(wait=1.0)

    def message(self, msg):
        if msg["type"] in ("chat", "normal") and msg["body"]:
            print("RECEIVED %s %s" % (msg["from"].bare, msg["body"]), flush=True)
            container = msg.xml.find("{urn:xmpp:json:0}json")
            if container is not None:
                print("JSON %s" % container.text, flush=True)
            if self.args.action == "receive":
                self.disconnect(wait=1.0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jid", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--ca", required=True)
    parser.add_argument("--timeout", type=float, default=15.0)
    actions = parser.add_subparsers(dest="action", required=True)
    send = actions.add_parser("send")
    send.add_argument("to")
    send.add_argument("body")
    actions.add_parser("receive")
    follow = actions.add_parser("follow")
    follow.add_argument("contact")
    online = actions.add_parser("online")
    online.add_argument("--show", default=None)
    online.add_argument("--status", default=None)
    args = parser.parse_args()

    client = ChatClient(args)
    client.connect(address=("127.0.0.1", args.port))
    try:
        client.loop.run_until_complete(asyncio.wait_for(client.disconnected, args.timeout))
    except asyncio.TimeoutError:
        if args.action == "online":
            sys.exit(0)
        print("TIMEOUT", flush=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
