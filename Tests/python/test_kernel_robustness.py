"""Malformed frames on shell and control never take the kernel down."""
import json
import os
import random
import signal

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


def _children_running(parent_pid, command_word):
    """Process ids of `parent_pid`'s children whose command line contains `command_word`."""
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            with open("/proc/%s/cmdline" % entry, "rb") as cmdline:
                arguments = cmdline.read().split(b"\0")
        except OSError:
            continue
        if parent == parent_pid and command_word.encode() in arguments:
            children.append(int(entry))
    return children


def test_a_dead_completion_helper_costs_one_completion_at_most(kernel_pair):
    manager, kernel = kernel_pair
    kernel.complete("[1].", 4)
    assert "count" in kernel.get_shell_msg(timeout=60)["content"]["matches"]
    helpers = _children_running(manager.provisioner.process.pid, "sourcekit-service")
    assert len(helpers) == 1
    os.kill(helpers[0], signal.SIGKILL)
    matches = []
    for _ in range(2):   # the request that finds the helper dead may come back empty
        kernel.complete("[1].", 4)
        matches = kernel.get_shell_msg(timeout=60)["content"]["matches"]
        if matches:
            break
    assert "count" in matches
    assert kernel.kernel_info(reply=True, timeout=30)["content"]["status"] == "ok"


def _signed_frames(kernel, msg_type, content):
    """A validly signed message for `kernel`, as the frames a DEALER socket sends."""
    session = kernel.session
    message = session.msg(msg_type, content)
    return session.serialize(message)


def _shell_socket(kernel):
    connection = kernel.get_connection_info()
    socket = zmq.Context.instance().socket(zmq.DEALER)
    socket.setsockopt(zmq.LINGER, 0)
    socket.connect("tcp://%s:%d" % (connection["ip"], connection["shell_port"]))
    return socket


def test_a_replayed_message_is_not_run_again(kernel):
    socket = _shell_socket(kernel)
    frames = _signed_frames(kernel, "execute_request", {"code": "print(\"once\")", "silent": False, "store_history": False,
                                                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    socket.send_multipart(frames)
    assert socket.poll(60_000), "no reply to the first copy"
    first = socket.recv_multipart()
    socket.send_multipart(frames)   # the same bytes again, signature and all
    assert not socket.poll(3_000), "the replayed message was answered"
    socket.close()
    reply = kernel.session.deserialize(first[first.index(b"<IDS|MSG>") + 1:])
    assert reply["content"]["status"] == "ok"
    assert kernel.kernel_info(reply=True, timeout=30)["content"]["status"] == "ok"


def test_a_message_of_unknown_type_is_ignored(kernel):
    socket = _shell_socket(kernel)
    socket.send_multipart(_signed_frames(kernel, "no_such_request", {}))
    assert not socket.poll(3_000), "an unknown message type was answered"
    socket.close()
    assert kernel.kernel_info(reply=True, timeout=30)["content"]["status"] == "ok"
