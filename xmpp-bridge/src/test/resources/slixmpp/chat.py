#!/usr/bin/env python3
"""An XMPP client that is not Smack, for the XMPP bridge's tests (Debian's python3-slixmpp).

Logs in over c2s with STARTTLS, trusting only the certificate given, then either sends one chat
message or waits for one. It prints READY once its session has started, RECEIVED <bare jid> <body>
for a message it got (and JSON <text> for a XEP-0335 container in it), SENT after sending; it exits 0 when done, 2 when --timeout passes first.

  chat.py --jid alice@localhost --password alicepw --port 5222 --ca cert.pem send bob@localhost hello
  chat.py --jid bob@localhost --password bobpw --port 5222 --ca cert.pem receive
  chat.py --jid bob@localhost --password bobpw --port 5222 --ca cert.pem online --show away --status lunch
  chat.py --jid carol@localhost --password carolpw --port 5222 --ca cert.pem follow alice@localhost
  chat.py --jid bob@localhost --password bobpw --port 5222 --ca cert.pem send-expecting-error carol@gw.localhost hi
  chat.py --jid bob@localhost --password bobpw --port 5222 --ca cert.pem disco alice@gw.localhost/gateway

'online' stays logged in (until --timeout, then exits 0) with that presence, approving every
subscription request and asking back (slixmpp's defaults); it prints PRESENCE <from> <type> <show> <status>
for each presence from others (- for none; type is available, unavailable, subscribe...), and
CAPS <from> <node> <ver> <hash> for a XEP-0115 element in one. 'follow' asks to follow a contact's
presence and prints ANSWER subscribed or ANSWER unsubscribed when the answer comes.
'send-expecting-error' sends like 'send', then prints ERROR <from> <condition> for the error that comes back.
'disco' asks for XEP-0030 disco#info (of --node, if given) and prints IDENTITY <category>/<type>/<name>,
FEATURE <var> for each feature, VER <the XEP-0115 sha-1 verification string slixmpp computes from it>,
then DISCO-DONE; or DISCO-ERROR <condition>.
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
        self.add_event_handler("presence", self.presence)
        self.add_event_handler("message_error", self.message_error)
        if args.action == "disco":
            self.register_plugin("xep_0030")
            self.register_plugin("xep_0115")

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
        if self.args.action == "send-expecting-error":
            self.send_message(mto=self.args.to, mbody=self.args.body, mtype="chat")
            print("SENT", flush=True)
        if self.args.action == "disco":
            await self.disco()

    async def disco(self):
        try:
            iq = await self["xep_0030"].get_info(jid=self.args.target, node=self.args.node, local=False, cached=False)
        except slixmpp.exceptions.IqError as e:
            print("DISCO-ERROR %s" % e.iq["error"]["condition"], flush=True)
        else:
            info = iq["disco_info"]
            for category, itype, _lang, name in info["identities"]:
                print("IDENTITY %s/%s/%s" % (category, itype, name), flush=True)
            for feature in info["features"]:
                print("FEATURE %s" % feature, flush=True)
            print("VER %s" % self["xep_0115"].generate_verstring(info, "sha-1"), flush=True)
            print("DISCO-DONE", flush=True)
        self.disconnect(wait=1.0)

    def presence(self, presence):
        if self.args.action != "online" or presence["from"].bare == self.boundjid.bare:
            return
        print("PRESENCE %s %s %s %s" % (presence["from"], presence.xml.get("type") or "available", presence["show"] or "-",
                                        presence["status"] or "-"), flush=True)
        caps = presence.xml.find("{http://jabber.org/protocol/caps}c")
        if caps is not None:
            print("CAPS %s %s %s %s" % (presence["from"], caps.get("node"), caps.get("ver"), caps.get("hash")), flush=True)

    def message_error(self, msg):
        if self.args.action == "send-expecting-error":
            print("ERROR %s %s" % (msg["from"].bare, msg["error"]["condition"]), flush=True)
            self.disconnect(wait=1.0)

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
    expecting_error = actions.add_parser("send-expecting-error")
    expecting_error.add_argument("to")
    expecting_error.add_argument("body")
    disco = actions.add_parser("disco")
    disco.add_argument("target")
    disco.add_argument("--node", default=None)
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
