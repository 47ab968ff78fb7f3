// patchtriage: all the work is in app/.
#include "app/commands.hpp"

int main(int argc, char** argv) { return pt::run_app(argc, argv); }
