from kneecheck.cli import main

main()
