#!/bin/sh
# lint.sh: the written rules of STYLE.md, checked. Fails on a banned function in src/
# or bench/, or on a file that clang-format would change. Prints "lint: N passed, N failed".
set -u
cd "$(dirname "$0")/.."
failed=0
passed=0

banned='\b(sprintf|vsprintf|strcpy|strcat|strncpy|strtok|gets|sscanf|atoi|atol|rand|random|gmtime|localtime|system|popen)[[:space:]]*\('
hits=$(grep -rnE "$banned" $(ls -d src tests bench 2>/dev/null) --include='*.c' --include='*.h' | grep -vE '(snprintf|vsnprintf|_r[[:space:]]*\()' || true)
if [ -n "$hits" ]; then
	echo "banned functions (STYLE.md):"
	echo "$hits"
	failed=$((failed + 1))
else
	passed=$((passed + 1))
fi

files=$(find src tests bench -name '*.[ch]' 2>/dev/null | grep -v '^build/')
unformatted=""
for f in $files; do
	if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
		unformatted="$unformatted $f"
	fi
done
if [ -n "$unformatted" ]; then
	echo "not formatted (run make format):$unformatted"
	failed=$((failed + 1))
else
	passed=$((passed + 1))
fi
echo "lint: $passed passed, $failed failed"
[ "$failed" = 0 ]
