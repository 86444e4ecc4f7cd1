-- random-la.lua: a wrk script for bench/http.sh. Every request is GET PREFIX<code> with
-- a code drawn at random from LO..HI, so lookups spread over the whole seeded table.
-- usage: wrk ... -s bench/random-la.lua URL -- PREFIX LO HI

local prefix, lo, hi

function init(args)
	prefix = args[1] or "/api/v1/local-authorities/"
	lo = tonumber(args[2]) or 100
	hi = tonumber(args[3]) or 399
	math.randomseed(os.time())
end

function request()
	return wrk.format("GET", prefix .. math.random(lo, hi))
end
