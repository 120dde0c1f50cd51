import EaselCLI

// The whole command line lives in EaselCLI, where its tests can reach it.
EaselMain.answerHelpAndExit()
await EaselMain.run()
