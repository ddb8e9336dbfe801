import Foundation
import PCAClient

/// STS GetCallerIdentity over the query protocol, so the UI can show who it is signed in as.
enum STSAnswers {
    static func error(_ error: EmulatorError, requestID: String) -> HTTPResponse {
        let xml = """
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error>
                <Type>Sender</Type>
                <Code>\(escape(error.code))</Code>
                <Message>\(escape(error.message))</Message>
              </Error>
              <RequestId>\(requestID)</RequestId>
            </ErrorResponse>
            """
        return HTTPResponse(statusCode: error.status == 500 ? 500 : (error.code == "AccessDenied" ? 403 : 400),
                            headers: [("x-amzn-RequestId", requestID), ("Content-Type", "text/xml")],
                            body: Data(xml.utf8))
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    static func formFields(_ body: Data) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }
}

extension Emulator {
    func stsAnswer(_ request: SigV4Verifier.ReceivedRequest, user: EmulatedUser, requestID: String) throws -> HTTPResponse {
        let fields = STSAnswers.formFields(request.body)
        guard fields["Action"] == "GetCallerIdentity" else {
            throw EmulatorError("InvalidAction", "Could not find operation \(fields["Action"] ?? "") for version 2011-06-15")
        }
        let userID = "AIDA" + String(user.accessKeyID.uppercased().filter(\.isLetter).prefix(17))
        let xml = """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult>
                <Arn>\(STSAnswers.escape(userARN(user)))</Arn>
                <UserId>\(userID)</UserId>
                <Account>\(state.account)</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata>
                <RequestId>\(requestID)</RequestId>
              </ResponseMetadata>
            </GetCallerIdentityResponse>
            """
        return HTTPResponse(statusCode: 200, headers: [("x-amzn-RequestId", requestID), ("Content-Type", "text/xml")],
                            body: Data(xml.utf8))
    }
}
