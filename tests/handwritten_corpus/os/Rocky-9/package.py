#
# rez package definition for os.
# Edit version and requirements here; the payload is built by the build script.
#

name = "os"

version = "Rocky-9"

requires = ["platform-linux", "arch-x86_64"]
