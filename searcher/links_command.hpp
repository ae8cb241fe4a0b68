// `recall links PATH`, `recall links --broken` and `recall backlinks PATH`.
#pragma once

namespace recall {

int links_command(int argc, char** argv, bool back);

}  // namespace recall
