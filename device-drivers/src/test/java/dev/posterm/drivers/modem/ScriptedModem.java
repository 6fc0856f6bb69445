package dev.posterm.drivers.modem;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A modem on a TCP loopback socket that answers from a hand-written script: command (without
 * CR) to the exact bytes to send back. A command with no scripted reply gets no answer. It echoes
 * commands until ATE0 when {@link #echo()} is on, can send unsolicited lines before a reply, can
 * write replies one byte at a time, and records every command it received.
 */
final class ScriptedModem implements AutoCloseable {

    private final ServerSocket server;
    private final Map<String, String> replies = new HashMap<>();
    private final Map<String, String> unsolicitedBefore = new HashMap<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile boolean echo;
    private volatile boolean oneByteAtATime;
    private volatile boolean hangUpOn;
    private volatile String hangUpCommand;

    ScriptedModem() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serve, "scripted-modem");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    ScriptedModem reply(String command, String bytes) {
        replies.put(command, bytes);
        return this;
    }

    ScriptedModem unsolicitedBefore(String command, String bytes) {
        unsolicitedBefore.put(command, bytes);
        return this;
    }

    ScriptedModem echo() {
        echo = true;
        return this;
    }

    ScriptedModem oneByteAtATime() {
        oneByteAtATime = true;
        return this;
    }

    ScriptedModem hangUpOn(String command) {
        hangUpOn = true;
        hangUpCommand = command;
        return this;
    }

    /** Commands received, in order, without their CR. */
    List<String> received() {
        return List.copyOf(received);
    }

    private void serve() {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            StringBuilder command = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                if (b != '\r') {
                    command.append((char) b);
                    continue;
                }
                String cmd = command.toString();
                command.setLength(0);
                received.add(cmd);
                if (hangUpOn && cmd.equals(hangUpCommand)) {
                    return;
                }
                answer(out, cmd);
            }
        } catch (IOException e) {
            // the client went away: the test is over
        }
    }

    private void answer(OutputStream out, String cmd) throws IOException {
        if (echo) {
            send(out, cmd + "\r");
        }
        if (cmd.equals("ATE0")) {
            echo = false;
        }
        if (unsolicitedBefore.containsKey(cmd)) {
            send(out, unsolicitedBefore.get(cmd));
        }
        if (replies.containsKey(cmd)) {
            send(out, replies.get(cmd));
        }
    }

    private void send(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (oneByteAtATime) {
            for (byte b : bytes) {
                out.write(b);
                out.flush();
            }
        } else {
            out.write(bytes);
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
