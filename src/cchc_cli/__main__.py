from cchc_cli.entry import main

main()
