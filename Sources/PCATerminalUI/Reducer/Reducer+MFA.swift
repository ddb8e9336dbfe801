import PCAAdmin
import Foundation

extension Reducer {
    /// The MFA prompt sits above everything (it may come while a dialog is open, when role credentials
    /// expire) and takes every key until it is answered or cancelled.
    static func handleMFAKey(_ state: inout AppState, _ prompt: MFAPromptState, _ key: Key) -> [AppEffect] {
        var prompt = prompt
        switch key {
        case .enter:
            guard !prompt.code.isEmpty else { return [] }
            state.mfaPrompt = nil
            return [.answerMFA(prompt.code)]
        case .escape:
            state.mfaPrompt = nil
            showMessage(&state, "MFA code entry cancelled", kind: .warning)
            return [.answerMFA(nil)]
        case .backspace, .delete:
            if !prompt.code.isEmpty { prompt.code.removeLast() }
        case .control("u"):
            prompt.code = ""
        case let .character(character) where !character.isWhitespace && prompt.code.count < MFAPromptState.maximumLength:
            prompt.code.append(character)
        default:
            return []
        }
        state.mfaPrompt = prompt
        return []
    }
}
