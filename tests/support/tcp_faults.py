#!/usr/bin/env python3
"""Misbehaving shards for recall's tests, on 127.0.0.1.

    tcp_faults.py silent PORT
        accepts connections and never answers: a shard too slow to answer.
    tcp_faults.py die-at-query PORT TARGET_PORT
        forwards a connection to TARGET_PORT until the client sends its query (the message
        that names the weighting scheme, Xapian::BM25Weight), then drops it and stops
        listening: a shard that dies in the middle of a search.
        (Connections that send nothing, such as a check that the port is open, are passed.)
"""
import socket
import sys
import threading


def listen(port):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(8)
    return s


def silent(port):
    s = listen(port)
    held = []
    while True:
        conn, _ = s.accept()
        held.append(conn)


def die_at_query(port, target):
    s = listen(port)
    while True:
        client, _ = s.accept()
        server = socket.create_connection(("127.0.0.1", target))
        threading.Thread(target=pump, args=(server, client), daemon=True).start()
        sent = 0
        while True:
            data = client.recv(65536)
            if not data:
                break
            sent += 1
            if b"BM25Weight" in data:
                break
            server.sendall(data)
        client.close()
        server.close()
        if sent > 0:  # not a probe that only checked the port is open
            s.close()
            return


def pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass


if __name__ == "__main__":
    mode, port = sys.argv[1], int(sys.argv[2])
    if mode == "silent":
        silent(port)
    else:
        die_at_query(port, int(sys.argv[3]))
