"""Malformed frames on shell and control never take the kernel down."""
import json
import random

import zmq


def test_malformed_messages_are_dropped(kernel):
    connection = kernel.get_connection_info()
    context = zmq.Context.instance()
    rng = random.Random(7)
    header = json.dumps({"msg_id": "x", "msg_type": "kernel_info_request", "session": "s",
                         "username": "u", "date": "", "version": "5.3"}).encode()
    samples = [
        [b"<IDS|MSG>"],                                              # truncated
        [b"<IDS|MSG>", b"bad-signature", header, b"{}", b"{}", b"{}"],  # bad signature
        [b"no delimiter", header],                                   # no delimiter
        [b"<IDS|MSG>", b"", b"not json", b"{}", b"{}", b"{}"],       # unsigned, invalid JSON
        [b"<IDS|MSG>", b"0" * 64, header, b"{}", b"{}", b"x" * 1_000_000],  # huge
    ]
    for port in ("shell_port", "control_port"):
        socket = context.socket(zmq.DEALER)
        socket.setsockopt(zmq.LINGER, 0)
        socket.connect("tcp://%s:%d" % (connection["ip"], connection[port]))
        for _ in range(500):
            frames = list(rng.choice(samples))
            if rng.random() < 0.3:
                frames.append(bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 64))))
            socket.send_multipart(frames)
        socket.close()
    reply = kernel.kernel_info(reply=True, timeout=30)["content"]
    assert reply["status"] == "ok"
