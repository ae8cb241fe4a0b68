// `recall mcp`: a Model Context Protocol server (revision 2025-06-18) on stdin and stdout,
// so that an AI assistant can search the vault: JSON-RPC 2.0, one message per line.
#pragma once

namespace recall {

int mcp_command(int argc, char** argv);

}  // namespace recall
