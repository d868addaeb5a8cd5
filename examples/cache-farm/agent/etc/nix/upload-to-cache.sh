#!/bin/sh
# The post-build-hook of the Nix manual: uploads the outputs of every build to the cache,
# signed with secret-key-files. It runs after a build; it does not decide where one goes.
set -eu
set -f # disable globbing
export IFS=' '
echo "Uploading paths" $OUT_PATHS
exec nix copy --to "s3://nix-cache?region=eu-west-1" $OUT_PATHS
