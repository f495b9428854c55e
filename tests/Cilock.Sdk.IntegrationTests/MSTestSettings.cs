// Every test drives real dotnet builds on a 2-core machine: running them one at a time is faster than contending.
[assembly: DoNotParallelize]
